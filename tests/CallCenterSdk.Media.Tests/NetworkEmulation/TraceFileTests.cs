using CallCenterSdk.Media.NetworkEmulation;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.NetworkEmulation;

public class TraceFileTests
{
    // The data is copied beside the test assembly (see the project file).
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "NetworkEmulation", "Data", name);

    [Fact]
    public void Trace_file_with_wrapping_sequence_numbers_and_a_loss_is_read()
    {
        var trace = TraceFile.Load(DataFile("handover.trace"));
        Assert.Equal(20, trace.Packets.Count);
        Assert.Equal(8000, trace.ClockRate);
        Assert.Equal(65530, trace.Packets[0].Sequence);
        Assert.Equal(65536, trace.Packets[6].Sequence);
        Assert.True(trace.Packets[4].IsLost);
        Assert.Equal(0.05, trace.NetworkLossRatio, 6);
        Assert.Equal(160 * 19, trace.Packets[^1].Timestamp);
        Assert.True(trace.Packets[0].Marker);
    }

    [Property(MaxTest = 50)]
    public bool Written_trace_reads_back_identically(int seed)
    {
        var random = new Random(seed);
        var scenario = NetworkScenarios.All[random.Next(NetworkScenarios.All.Count)] with { DurationSeconds = 5 };
        var trace = NetworkEmulator.Run(scenario, seed);
        var text = new StringWriter();
        TraceFile.Write(trace, text);
        var read = TraceFile.Parse(new StringReader(text.ToString()));
        if (read.Packets.Count != trace.Packets.Count || read.ClockRate != trace.ClockRate || read.PacketTimeMs != trace.PacketTimeMs)
        {
            return false;
        }

        for (int i = 0; i < read.Packets.Count; i++)
        {
            var a = trace.Packets[i];
            var b = read.Packets[i];
            bool same = a.Sequence == b.Sequence && a.Timestamp == b.Timestamp && a.IsLost == b.IsLost
                && Math.Abs(a.SendTimeMs - b.SendTimeMs) < 0.001 && (a.IsLost || Math.Abs(a.ArrivalTimeMs - b.ArrivalTimeMs) < 0.001)
                && a.IsComfortNoise == b.IsComfortNoise && (a.Marker == b.Marker || i == 0);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData("1 0\n", 1, "at least 3 fields")]
    [InlineData("1 0 10\nx 20 30\n", 2, "sequence 'x'")]
    [InlineData("1 0 10\n2 abc 30\n", 2, "send time 'abc'")]
    [InlineData("1 0 10\n2 20 soon\n", 2, "arrival time 'soon'")]
    [InlineData("1 50 10\n", 1, "before send")]
    [InlineData("1 0 10\n1 20 30\n", 2, "does not follow")]
    [InlineData("1 0 10\n2 20 30 160 Q\n", 2, "unknown field 'Q'")]
    [InlineData("# clock zero\n1 0 10\n", 1, "positive integer")]
    [InlineData("1 0 10 800\n2 20 30 160\n", 2, "goes backwards")]
    [InlineData("# only comments\n", 1, "no packets")]
    public void Malformed_lines_are_rejected_with_line_number_and_reason(string text, int line, string reason)
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceFile.Parse(new StringReader(text)));
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Contains($"line {line}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_timestamps_markers_and_comfort_noise_are_kept()
    {
        var trace = TraceFile.Parse(new StringReader("# clock 48000\n# ptime 20\n7,0,30.5,960,M\n8\t20\tlost\t1920\n9 420 455 21120 CN\n"));
        Assert.Equal(48000, trace.ClockRate);
        Assert.True(trace.Packets[0].Marker);
        Assert.Equal(1920, trace.Packets[1].Timestamp);
        Assert.True(trace.Packets[1].IsLost);
        Assert.True(trace.Packets[2].IsComfortNoise);
    }
}
