using CallCenterSdk.Sip.Headers;

namespace CallCenterSdk.Sip.Building;

/// <summary>
/// Makes the identifiers a UA invents: Via branches (with the RFC 3261 §8.1.1.7 magic cookie), From/To tags
/// (§19.3) and Call-IDs (§8.1.1.4). Randomness comes from the injected <see cref="Random"/> so tests are repeatable;
/// production code passes a <see cref="Random"/> it owns (the values must be unique, not secret).
/// </summary>
public sealed class SipIdentifiers
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Random _random;
    private readonly Lock _gate = new();

    /// <summary>Creates a generator.</summary>
    /// <param name="random">The randomness source; calls are serialized so one instance may be shared.</param>
    public SipIdentifiers(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>A new branch: the magic cookie followed by 16 random characters (95 bits).</summary>
    /// <returns>The branch.</returns>
    public string NewBranch() => ViaHeader.MagicCookie + Random(16);

    /// <summary>A new tag of 10 random characters (RFC 3261 §19.3 asks for at least 32 bits).</summary>
    /// <returns>The tag.</returns>
    public string NewTag() => Random(10);

    /// <summary>A new Call-ID: 20 random characters, <c>@host</c> when a host is given.</summary>
    /// <param name="host">The local host, or null.</param>
    /// <returns>The Call-ID.</returns>
    public string NewCallId(string? host = null) => host is null ? Random(20) : Random(20) + "@" + host;

    private string Random(int length)
    {
        Span<char> chars = stackalloc char[length];
        lock (_gate)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[_random.Next(Alphabet.Length)];
            }
        }

        return new string(chars);
    }
}
