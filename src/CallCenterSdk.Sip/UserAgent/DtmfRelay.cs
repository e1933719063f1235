using System.Globalization;
using System.Text;

namespace CallCenterSdk.Sip.UserAgent;

/// <summary>The <c>application/dtmf-relay</c> INFO body (Signal=5, Duration=160), as phones send it.</summary>
public static class DtmfRelay
{
    /// <summary>The content type.</summary>
    public const string ContentType = "application/dtmf-relay";

    /// <summary>Reads the digit and duration (ms) from a body; false when it is not a valid dtmf-relay body.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out char digit, out int durationMs)
    {
        digit = '\0';
        durationMs = 0;
        foreach (var rawLine in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var line = rawLine.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase) && value.Length == 1 && "0123456789*#ABCDabcd".Contains(value[0], StringComparison.Ordinal))
            {
                digit = char.ToUpperInvariant(value[0]);
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase))
            {
                _ = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out durationMs);
            }
        }

        return digit != '\0';
    }

    /// <summary>Formats a body for <paramref name="digit"/>.</summary>
    public static byte[] Format(char digit, int durationMs) =>
        Encoding.ASCII.GetBytes($"Signal={digit}\r\nDuration={durationMs.ToString(CultureInfo.InvariantCulture)}\r\n");
}
