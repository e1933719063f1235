using System.Globalization;
using System.Text;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// Turns UTF-8 field bytes into strings, handing out one shared instance for the tokens that appear in
/// nearly every description (<c>IN</c>, <c>IP4</c>, <c>audio</c>, <c>rtpmap</c>, payload type numbers, ...)
/// so parsing a typical offer allocates only for the text that is really unique to it.
/// </summary>
internal static class SdpText
{
    private const int MaxInternedLength = 32;

    private static readonly string[] SmallNumbers = BuildNumbers();

    private static readonly string[] Words =
    [
        "-", "IN", "IP4", "IP6", "0.0.0.0", "audio", "video", "image", "application", "text", "message",
        "RTP/AVP", "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF", "UDP/TLS/RTP/SAVP", "udptl", "t38",
        "rtpmap", "fmtp", "ptime", "maxptime", "sendrecv", "sendonly", "recvonly", "inactive", "rtcp", "rtcp-mux",
        "rtcp-rsize", "rtcp-fb", "ssrc", "ssrc-group", "mid", "candidate", "end-of-candidates", "crypto", "ice-ufrag",
        "ice-pwd", "ice-options", "ice-lite", "fingerprint", "setup", "extmap", "msid", "msid-semantic", "group",
        "bundle-only", "silenceSupp", "label", "sctp-port", "sctpmap", "max-message-size", "framerate", "orient",
        "AS", "CT", "TIAS", "RS", "RR", "PCMU/8000", "PCMA/8000", "0-15", "0-16", "SDPlane", "session",

        // Whole a= values that nearly every telephony offer carries (RFC 3551 static types, RFC 4733 events).
        "0 PCMU/8000", "8 PCMA/8000", "9 G722/8000", "18 G729/8000", "13 CN/8000", "3 GSM/8000", "4 G723/8000",
        "101 telephone-event/8000", "100 telephone-event/8000", "96 telephone-event/8000", "110 telephone-event/48000",
        "101 0-15", "101 0-16", "100 0-15", "100 0-16", "96 0-15", "96 0-16", "18 annexb=no", "18 annexb=yes",
        "111 opus/48000/2", "96 opus/48000/2", "111 minptime=10;useinbandfec=1", "111 useinbandfec=1",
    ];

    private static readonly (byte[] Utf8, string Text, bool ValidRtpMap)[][] ByLength = BuildTable(Words);

    /// <summary>Decodes validated UTF-8 bytes (the caller has checked validity) to a string.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8) => Decode(utf8, out _);

    /// <summary>
    /// Decodes like <see cref="Decode(ReadOnlySpan{byte})"/>; <paramref name="validRtpMap"/> is true when the
    /// result is a shared token already known to be a valid <c>a=rtpmap</c> value, so the caller may skip validating it.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> utf8, out bool validRtpMap)
    {
        validRtpMap = false;
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length <= 3 && TryDecodeSmallNumber(utf8, out var number))
        {
            return number;
        }

        if (utf8.Length <= MaxInternedLength)
        {
            // Compare the first and last byte before the whole span: most misses stop there.
            var first = utf8[0];
            var last = utf8[^1];
            foreach (var (bytes, text, valid) in ByLength[utf8.Length])
            {
                if (bytes[0] == first && bytes[^1] == last && utf8.SequenceEqual(bytes))
                {
                    validRtpMap = valid;
                    return text;
                }
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private static bool TryDecodeSmallNumber(ReadOnlySpan<byte> utf8, out string number)
    {
        number = string.Empty;
        if (utf8.Length > 1 && utf8[0] == '0')
        {
            return false;
        }

        var value = 0;
        foreach (var b in utf8)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        if (value >= SmallNumbers.Length)
        {
            return false;
        }

        number = SmallNumbers[value];
        return true;
    }

    private static string[] BuildNumbers()
    {
        var numbers = new string[1000];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return numbers;
    }

    private static (byte[], string, bool)[][] BuildTable(string[] words)
    {
        var table = new List<(byte[], string, bool)>[MaxInternedLength + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = [];
        }

        foreach (var word in words)
        {
            table[word.Length].Add((Encoding.ASCII.GetBytes(word), word, SdpRtpMap.Validate(word, out _) is null));
        }

        return [.. table.Select(l => l.ToArray())];
    }
}
