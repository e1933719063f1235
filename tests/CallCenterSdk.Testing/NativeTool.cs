namespace CallCenterSdk.Testing;

/// <summary>
/// Finds the native tools that interop tests drive. A missing tool is a clear failure naming the
/// Debian package, never a silent skip (./build.sh test installs them).
/// </summary>
public static class NativeTool
{
    /// <summary>Returns the full path of <paramref name="executable"/> on PATH, or throws naming the package to install.</summary>
    public static string Require(string executable, string debianPackage)
    {
        var path = Find(executable);
        return path ?? throw new InvalidOperationException(
            $"'{executable}' is not installed. Install the Debian package '{debianPackage}' " +
            $"(apt-get install -y {debianPackage}, or run ./build.sh deps as root).");
    }

    /// <summary>Returns the full path of a shared library, or throws naming the package to install.</summary>
    public static string RequireLibrary(string soname, string debianPackage)
    {
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib" })
        {
            var candidate = Path.Combine(dir, soname);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Shared library '{soname}' is not installed. Install the Debian package '{debianPackage}' " +
            $"(apt-get install -y {debianPackage}, or run ./build.sh deps as root).");
    }

    private static string? Find(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
