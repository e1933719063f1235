using System.Globalization;
using System.Net;

namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>
/// sipp as the center's caller: the scenario <c>EndToEnd/sipp-caller.xml</c> (copied to the test output) and the
/// call's RTP stream (<see cref="CallerRtpScript"/>, as <c>caller.pcap</c>) in one working folder, and the command
/// line that dials a DID of the center from a caller number.
/// </summary>
internal static class SippCaller
{
    /// <summary>Fills <paramref name="directory"/> with the scenario and the RTP stream; returns the scenario path.</summary>
    public static string Prepare(string directory, CallerRtpScript media)
    {
        Directory.CreateDirectory(directory);
        var scenario = Path.Combine(directory, "sipp-caller.xml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "sipp-caller.xml"), scenario, overwrite: true);
        media.WritePcap(Path.Combine(directory, "caller.pcap"));
        return scenario;
    }

    /// <summary>
    /// sipp's arguments: the scenario to <paramref name="center"/> dialling <paramref name="did"/> from
    /// <paramref name="callerNumber"/>, SIP on <paramref name="sipPort"/> and media (the SDP's port, where the
    /// RTP is sent from) on <paramref name="mediaPort"/>, with its own control port so parallel runs never share
    /// sipp's default 8888.
    /// </summary>
    public static List<string> Arguments(string scenario, IPEndPoint center, string did, string callerNumber, int sipPort, int mediaPort) =>
    [
        "-sf", scenario, center.ToString(), "-s", did, "-key", "caller", callerNumber,
        "-i", "127.0.0.1", "-p", Text(sipPort), "-mi", "127.0.0.1", "-mp", Text(mediaPort), "-cp", Text(FreePort.Next()),
    ];

    /// <summary>An even port with the next three free too (sipp binds the media port and the one two above it).</summary>
    public static int FreeMediaPort()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = FreePort.Next();
            if (port % 2 == 0 && Enumerable.Range(port + 1, 3).All(FreePort.IsFree))
            {
                for (var i = 0; i < 3; i++)
                {
                    FreePort.Next(); // step past the block
                }

                return port;
            }
        }

        throw new InvalidOperationException("No block of four free loopback ports.");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
