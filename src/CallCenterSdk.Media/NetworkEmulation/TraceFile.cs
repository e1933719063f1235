using System.Globalization;

namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>
/// Reads and writes arrival traces as text, one packet per line:
/// <c>SEQUENCE SEND_MS ARRIVAL_MS|lost [TIMESTAMP] [M] [CN]</c>, separated by spaces, tabs or commas.
/// Lines starting with <c>#</c> are comments, except the directives <c># clock RATE</c> (default 8000) and
/// <c># ptime MS</c> (default 20). Without a TIMESTAMP column the RTP timestamp is derived from the send time
/// (<c>round((send - firstSend) * clock / 1000)</c>); <c>M</c> sets the marker bit and <c>CN</c> marks a
/// comfort-noise packet. Sequence numbers may wrap at 65536: they are extended on reading.
/// </summary>
public static class TraceFile
{
    /// <summary>Reads a trace from text.</summary>
    /// <exception cref="TraceFormatException">A line is malformed; the message names the line and the reason.</exception>
    public static PacketTrace Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int clock = 8000;
        int ptime = 20;
        var rows = new List<(long Seq, double Send, double Arrival, long? Ts, bool Marker, bool Cn, int Line)>();
        int lineNumber = 0;
        string? line;
        long lastExtended = long.MinValue;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (text[0] == '#')
            {
                ParseDirective(text[1..].Trim(), lineNumber, ref clock, ref ptime);
                continue;
            }

            var fields = text.ToString().Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                throw new TraceFormatException(lineNumber, $"expected at least 3 fields (sequence, send ms, arrival ms or 'lost'), found {fields.Length}");
            }

            if (!long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long seq) || seq < 0)
            {
                throw new TraceFormatException(lineNumber, $"sequence '{fields[0]}' is not a non-negative integer");
            }

            double send = ParseTime(fields[1], lineNumber, "send time");
            double arrival;
            if (string.Equals(fields[2], "lost", StringComparison.OrdinalIgnoreCase))
            {
                arrival = double.NaN;
            }
            else
            {
                arrival = ParseTime(fields[2], lineNumber, "arrival time");
                if (arrival < send)
                {
                    throw new TraceFormatException(lineNumber, $"arrival {arrival.ToString(CultureInfo.InvariantCulture)} ms is before send {send.ToString(CultureInfo.InvariantCulture)} ms");
                }
            }

            long? ts = null;
            bool marker = false, cn = false;
            for (int i = 3; i < fields.Length; i++)
            {
                if (string.Equals(fields[i], "M", StringComparison.OrdinalIgnoreCase))
                {
                    marker = true;
                }
                else if (string.Equals(fields[i], "CN", StringComparison.OrdinalIgnoreCase))
                {
                    cn = true;
                }
                else if (i == 3 && long.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long t) && t >= 0)
                {
                    ts = t;
                }
                else
                {
                    throw new TraceFormatException(lineNumber, $"unknown field '{fields[i]}' (expected a timestamp, 'M' or 'CN')");
                }
            }

            // Sequence numbers in files may be raw 16-bit values: extend them as RFC 3550 A.1 does.
            long extended = seq;
            if (lastExtended != long.MinValue && seq <= ushort.MaxValue && lastExtended > ushort.MaxValue / 2)
            {
                long delta = (short)(ushort)(seq - lastExtended);
                extended = lastExtended + delta;
            }

            if (lastExtended != long.MinValue && extended <= lastExtended)
            {
                throw new TraceFormatException(lineNumber, $"sequence {seq} does not follow {lastExtended}: lines must be in sending order without duplicates");
            }

            lastExtended = extended;
            rows.Add((extended, send, arrival, ts, marker, cn, lineNumber));
        }

        if (rows.Count == 0)
        {
            throw new TraceFormatException(lineNumber, "the trace holds no packets");
        }

        var packets = new TracePacket[rows.Count];
        double firstSend = rows[0].Send;
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            long ts = r.Ts ?? (long)Math.Round((r.Send - firstSend) * clock / 1000.0);
            if (i > 0 && ts < packets[i - 1].Timestamp)
            {
                throw new TraceFormatException(r.Line, $"timestamp {ts} goes backwards from {packets[i - 1].Timestamp}");
            }

            packets[i] = new TracePacket(r.Seq, ts, r.Send, r.Arrival, r.Marker || i == 0, r.Cn);
        }

        return new PacketTrace(clock, ptime, packets);
    }

    /// <summary>Reads a trace file.</summary>
    /// <exception cref="TraceFormatException">A line is malformed.</exception>
    public static PacketTrace Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>Writes a trace in the format <see cref="Parse"/> reads, with explicit timestamps.</summary>
    public static void Write(PacketTrace trace, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# clock {trace.ClockRate}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# ptime {trace.PacketTimeMs}"));
        writer.WriteLine("# sequence send_ms arrival_ms|lost timestamp [M] [CN]");
        foreach (var p in trace.Packets)
        {
            string arrival = p.IsLost ? "lost" : p.ArrivalTimeMs.ToString("0.###", CultureInfo.InvariantCulture);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{p.Sequence} {p.SendTimeMs:0.###} {arrival} {p.Timestamp}"));
            if (p.Marker)
            {
                writer.Write(" M");
            }

            if (p.IsComfortNoise)
            {
                writer.Write(" CN");
            }

            writer.WriteLine();
        }
    }

    private static void ParseDirective(ReadOnlySpan<char> text, int lineNumber, ref int clock, ref int ptime)
    {
        int space = text.IndexOfAny(' ', '\t');
        if (space < 0)
        {
            return;
        }

        var name = text[..space];
        var value = text[(space + 1)..].Trim();
        bool isClock = name.Equals("clock", StringComparison.OrdinalIgnoreCase);
        bool isPtime = name.Equals("ptime", StringComparison.OrdinalIgnoreCase);
        if (!isClock && !isPtime)
        {
            return;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) || number <= 0 || (isPtime && number > 120) || (isClock && number > 192000))
        {
            throw new TraceFormatException(lineNumber, $"directive '{name.ToString()}' needs a positive integer in range, found '{value.ToString()}'");
        }

        if (isClock)
        {
            clock = number;
        }
        else
        {
            ptime = number;
        }
    }

    private static double ParseTime(string field, int lineNumber, string what)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
        {
            throw new TraceFormatException(lineNumber, $"{what} '{field}' is not a non-negative number of milliseconds");
        }

        return value;
    }
}
