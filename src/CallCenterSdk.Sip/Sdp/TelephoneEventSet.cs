using System.Globalization;
using System.Text;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The event list of a telephone-event <c>a=fmtp</c> (RFC 4733 §2.4.1: <c>0-15,66,70</c>). Without fmtp the
/// default is 0-15. Used to answer with the events both sides support.
/// </summary>
internal static class TelephoneEventSet
{
    public static bool[] Parse(string? list)
    {
        var events = new bool[256];
        if (string.IsNullOrWhiteSpace(list))
        {
            Array.Fill(events, true, 0, 16);
            return events;
        }

        foreach (var range in list.AsSpan().Split(','))
        {
            var item = list.AsSpan()[range].Trim(' ');
            var dash = item.IndexOf('-');
            var first = dash < 0 ? item : item[..dash];
            var last = dash < 0 ? item : item[(dash + 1)..];
            if (SdpGrammar.TryParseInt(first, 255, out var a) && SdpGrammar.TryParseInt(last, 255, out var b) && a <= b)
            {
                Array.Fill(events, true, a, b - a + 1);
            }
        }

        return events;
    }

    public static string Intersect(string? offered, string? supported)
    {
        var a = Parse(offered);
        var b = Parse(supported);
        var text = new StringBuilder();
        var i = 0;
        while (i < 256)
        {
            if (!(a[i] && b[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i + 1 < 256 && a[i + 1] && b[i + 1])
            {
                i++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (i > start)
            {
                text.Append('-').Append(i.ToString(CultureInfo.InvariantCulture));
            }

            i++;
        }

        return text.ToString();
    }
}
