using System.Globalization;
using System.Text;

namespace CallCenterSdk.Calls.Transfer;

/// <summary>
/// The message/sipfrag bodies of a REFER's NOTIFYs (RFC 3515 §2.4.5, RFC 3420): the status line of the response
/// the transfer target gave, e.g. <c>SIP/2.0 200 OK</c>.
/// </summary>
public static class SipFrag
{
    /// <summary>The content type of the NOTIFY bodies.</summary>
    public const string ContentType = "message/sipfrag;version=2.0";

    /// <summary>The body for a status.</summary>
    public static byte[] Format(int statusCode, string reasonPhrase)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        ArgumentNullException.ThrowIfNull(reasonPhrase);
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {statusCode} {reasonPhrase}\r\n"));
    }

    /// <summary>Reads the status of a sipfrag body: false when it does not start with a SIP status line.</summary>
    public static bool TryParseStatus(ReadOnlySpan<byte> body, out int statusCode, out string reasonPhrase)
    {
        statusCode = 0;
        reasonPhrase = string.Empty;
        var end = body.IndexOfAny((byte)'\r', (byte)'\n');
        var line = Encoding.ASCII.GetString(end < 0 ? body : body[..end]);
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase) || parts[1].Length != 3 ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out statusCode) || statusCode is < 100 or > 699)
        {
            statusCode = 0;
            return false;
        }

        reasonPhrase = parts.Length > 2 ? parts[2] : string.Empty;
        return true;
    }
}
