using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Tests.Codecs;

/// <summary>
/// The G.722 reference in Debian's libspandsp2 (libspandsp.so.2), called only from tests. Missing library:
/// the test fails naming the package.
/// </summary>
internal static unsafe partial class SpanDsp
{
    private const string Library = "/usr/lib/x86_64-linux-gnu/libspandsp.so.2";

    public static void Require()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            Assert.Fail($"libspandsp.so.2 is not installed: the G.722 reference tests need it. Install the Debian package 'libspandsp2'.");
        }

        NativeLibrary.Free(handle);
    }

    public static byte[] Encode(ReadOnlySpan<short> pcm)
    {
        Require();
        var state = g722_encode_init(IntPtr.Zero, 64000, 0);
        try
        {
            var output = new byte[pcm.Length / 2];
            fixed (short* amp = pcm)
            fixed (byte* data = output)
            {
                int bytes = g722_encode(state, data, amp, pcm.Length);
                Assert.Equal(output.Length, bytes);
            }

            return output;
        }
        finally
        {
            _ = g722_encode_free(state);
        }
    }

    public static short[] Decode(ReadOnlySpan<byte> payload)
    {
        Require();
        var state = g722_decode_init(IntPtr.Zero, 64000, 0);
        try
        {
            var output = new short[payload.Length * 2];
            fixed (short* amp = output)
            fixed (byte* data = payload)
            {
                int samples = g722_decode(state, amp, data, payload.Length);
                Assert.Equal(output.Length, samples);
            }

            return output;
        }
        finally
        {
            _ = g722_decode_free(state);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr g722_encode_init(IntPtr state, int rate, int options);

    [LibraryImport(Library)]
    private static partial int g722_encode(IntPtr state, byte* data, short* amp, int len);

    [LibraryImport(Library)]
    private static partial int g722_encode_free(IntPtr state);

    [LibraryImport(Library)]
    private static partial IntPtr g722_decode_init(IntPtr state, int rate, int options);

    [LibraryImport(Library)]
    private static partial int g722_decode(IntPtr state, short* amp, byte* data, int len);

    [LibraryImport(Library)]
    private static partial int g722_decode_free(IntPtr state);
}
