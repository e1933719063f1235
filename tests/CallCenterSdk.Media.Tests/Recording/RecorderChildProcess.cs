using System.Globalization;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Recording;
using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Media.Tests.Recording;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is switched off in the csproj). Under a test
/// runner it is never called; <c>dotnet exec CallCenterSdk.Media.Tests.dll record-until-killed PATH</c> records
/// 3.5 s, says so on stdout, and waits, never closing the recorder, until the parent test kills the process.
/// </summary>
public static class RecorderChildProcess
{
    /// <summary>Runs the child role named by the first argument.</summary>
    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "record-until-killed")
        {
            Console.Error.WriteLine("usage: record-until-killed PATH");
            return 2;
        }

        var recorder = new CallRecorder(args[1], AudioFormat.Narrowband);
        var caller = new ToneGenerator(CallProgressTones.For("US", CallProgressTone.Dial), AudioFormat.Narrowband);
        var agent = new ToneGenerator(CallProgressTones.For("CN", CallProgressTone.Dial), AudioFormat.Narrowband);
        var c = new short[160];
        var a = new short[160];
        // 3.5 s of audio: the recorder flushes at 1, 2 and 3 s; the last half second sits partly in the
        // file and partly in buffers, with the header still saying 3 s. Then wait to be killed.
        for (int frame = 1; frame <= 175; frame++)
        {
            caller.ReadFrame(c);
            agent.ReadFrame(a);
            recorder.WriteFrame(c, a);
        }

        Console.Out.WriteLine("flushed 3");
        Console.Out.Flush();
        Console.In.ReadLine(); // the parent never writes: it kills us here
        GC.KeepAlive(recorder);
        return 0;
    }
}
