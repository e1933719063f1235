using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CallCenterSdk.Sip.Authentication;

/// <summary>
/// Issues and checks server nonces. A nonce carries its issue time and an HMAC over time, random bytes
/// and realm, so any node holding the key can check it without shared state; expiry answers
/// <c>stale=true</c> (RFC 7616 §3.3) and a per-nonce highest nonce-count rejects replays (§3.4, §5.12).
/// Thread-safe.
/// </summary>
public sealed class DigestNonceService
{
    private const int TimestampLength = 8;
    private const int RandomLength = 8;
    private const int MacLength = 16;
    private const int NonceLength = TimestampLength + RandomLength + MacLength;

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _maxTrackedNonces;
    private readonly object _gate = new();
    private readonly Dictionary<string, uint> _highestNonceCount = new(StringComparer.Ordinal);
    private readonly Queue<(long ExpiresAtMs, string Nonce)> _expiry = new();

    /// <summary>Creates a nonce service.</summary>
    /// <param name="key">The HMAC key (at least 16 bytes); share it between nodes that must accept each other's nonces.</param>
    /// <param name="lifetime">How long a nonce is fresh; afterwards it is answered with stale=true.</param>
    /// <param name="time">The clock.</param>
    /// <param name="maxTrackedNonces">Bound on nonces tracked for replay; the oldest are forgotten first (then rejected as stale).</param>
    public DigestNonceService(ReadOnlySpan<byte> key, TimeSpan lifetime, TimeProvider time, int maxTrackedNonces = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (key.Length < 16)
        {
            throw new ArgumentException("The nonce key must be at least 16 bytes.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrackedNonces, 1);
        _key = key.ToArray();
        _lifetime = lifetime;
        _time = time;
        _maxTrackedNonces = maxTrackedNonces;
    }

    /// <summary>Creates a fresh nonce for <paramref name="realm"/>.</summary>
    public string Create(string realm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        Span<byte> nonce = stackalloc byte[NonceLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimestampLength, RandomLength));
        Sign(nonce[..(TimestampLength + RandomLength)], realm, nonce[(TimestampLength + RandomLength)..]);
        return Base64UrlEncode(nonce);
    }

    /// <summary>
    /// Checks a nonce presented with <paramref name="nonceCount"/> (0 when the client used no qop, in
    /// which case replay within the lifetime cannot be detected, as RFC 2069 clients allow).
    /// </summary>
    public NonceCheck Check(string nonce, string realm, uint nonceCount)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(realm);
        Span<byte> raw = stackalloc byte[NonceLength + 3];
        if (!TryBase64UrlDecode(nonce, raw, out var length) || length != NonceLength)
        {
            return NonceCheck.Invalid;
        }

        raw = raw[..NonceLength];
        Span<byte> expected = stackalloc byte[MacLength];
        Sign(raw[..(TimestampLength + RandomLength)], realm, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw[(TimestampLength + RandomLength)..]))
        {
            return NonceCheck.Invalid;
        }

        var issuedMs = BinaryPrimitives.ReadInt64BigEndian(raw);
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var expiresMs = issuedMs + (long)_lifetime.TotalMilliseconds;
        if (nowMs >= expiresMs || issuedMs > nowMs + 60_000)
        {
            return NonceCheck.Stale;
        }

        if (nonceCount == 0)
        {
            return NonceCheck.Fresh;
        }

        lock (_gate)
        {
            Purge(nowMs);
            if (_highestNonceCount.TryGetValue(nonce, out var highest))
            {
                if (nonceCount <= highest)
                {
                    return NonceCheck.Replayed;
                }

                _highestNonceCount[nonce] = nonceCount;
                return NonceCheck.Fresh;
            }

            if (_highestNonceCount.Count >= _maxTrackedNonces)
            {
                // Forgetting a nonce would let its counts be replayed; asking for a new one is safe.
                return NonceCheck.Stale;
            }

            _highestNonceCount.Add(nonce, nonceCount);
            _expiry.Enqueue((expiresMs, nonce));
            return NonceCheck.Fresh;
        }
    }

    private void Purge(long nowMs)
    {
        while (_expiry.TryPeek(out var head) && head.ExpiresAtMs <= nowMs)
        {
            _expiry.Dequeue();
            _highestNonceCount.Remove(head.Nonce);
        }
    }

    private void Sign(ReadOnlySpan<byte> body, string realm, Span<byte> mac)
    {
        var realmBytes = Encoding.UTF8.GetBytes(realm);
        var input = new byte[body.Length + realmBytes.Length];
        body.CopyTo(input);
        realmBytes.CopyTo(input, body.Length);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, full);
        full[..MacLength].CopyTo(mac);
    }

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64UrlDecode(string text, Span<byte> output, out int written)
    {
        written = 0;
        if (text.Length > 64)
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.TryFromBase64String(padded, output, out written);
    }
}

/// <summary>The outcome of checking a nonce.</summary>
public enum NonceCheck
{
    /// <summary>Issued by us, unexpired, and its nonce-count is new.</summary>
    Fresh,

    /// <summary>Issued by us but expired (or no longer tracked): challenge again with stale=true.</summary>
    Stale,

    /// <summary>Not a nonce we issued for this realm (forged, altered or from another key).</summary>
    Invalid,

    /// <summary>A nonce-count not greater than one already seen for this nonce: a replay.</summary>
    Replayed,
}
