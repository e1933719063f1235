using System.Reflection;
using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Opus;

/// <summary>
/// Finds the system libopus. Debian ships only the runtime name libopus.so.0 (the unversioned libopus.so comes
/// with libopus-dev), so the DllImport name "opus" is resolved here with <see cref="NativeLibrary"/>, trying
/// the runtime name first.
/// </summary>
public static class OpusLibrary
{
    /// <summary>The shared library loaded on Linux.</summary>
    public const string LibraryFileName = "libopus.so.0";

    /// <summary>The Debian/Ubuntu package that installs it.</summary>
    public const string DebianPackage = "libopus0";

    internal const string ImportName = "opus";

    private static readonly string[] Candidates = [LibraryFileName, "libopus.so", "libopus.0.dylib", "opus.dll", "opus"];
    private static readonly Lazy<IntPtr> Handle = new(() => Load(Candidates), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _resolverInstalled;

    /// <summary>The libopus version string (for example "libopus 1.3.1").</summary>
    /// <exception cref="OpusLibraryNotFoundException">libopus is not installed.</exception>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(OpusNative.opus_get_version_string()) ?? "unknown";
        }
    }

    /// <summary>True when libopus can be loaded on this machine.</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                EnsureLoaded();
                return true;
            }
            catch (OpusLibraryNotFoundException)
            {
                return false;
            }
        }
    }

    /// <summary>Loads libopus now, or throws <see cref="OpusLibraryNotFoundException"/> naming what to install.</summary>
    public static void EnsureLoaded()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(OpusLibrary).Assembly, Resolve);
        }

        _ = Handle.Value;
    }

    /// <summary>Tries each name in turn; the first that loads wins.</summary>
    internal static IntPtr Load(IReadOnlyList<string> candidates)
    {
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, typeof(OpusLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle)
                || NativeLibrary.TryLoad(name, out handle))
            {
                return handle;
            }
        }

        throw new OpusLibraryNotFoundException(MissingMessage(candidates));
    }

    internal static string MissingMessage(IReadOnlyList<string> candidates) =>
        $"The Opus codec needs the native library {LibraryFileName}, which could not be loaded (tried {string.Join(", ", candidates)}). " +
        $"Install it with 'apt-get install {DebianPackage}' on Debian/Ubuntu (or the libopus package of your distribution).";

    internal static string Describe(int errorCode)
    {
        try
        {
            return Marshal.PtrToStringUTF8(OpusNative.opus_strerror(errorCode)) ?? "unknown error";
        }
        catch (DllNotFoundException)
        {
            return "unknown error";
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ImportName ? Handle.Value : IntPtr.Zero;
}
