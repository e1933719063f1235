namespace CallCenterSdk.Testing;

/// <summary>Finds and starts the sample applications the interop tests drive as real processes.</summary>
public static class Samples
{
    /// <summary>The repository root (the folder holding CallCenterSdk.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CallCenterSdk.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("CallCenterSdk.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// The built assembly of sample <paramref name="name"/>: beside the test output when built with
    /// --artifacts-path, else under samples/NAME/bin/CONFIG/net10.0. Fails clearly when it was not built.
    /// </summary>
    public static string Assembly(string name)
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = baseDir.FullName.Contains("/Debug", StringComparison.OrdinalIgnoreCase) || baseDir.FullName.Contains("/debug", StringComparison.Ordinal) ? "Debug" : "Release";
        var candidates = new[]
        {
            Path.Combine(baseDir.Parent?.FullName ?? string.Empty, "..", name, baseDir.Name, name + ".dll"),
            Path.Combine(RepositoryRootOrEmpty(), "samples", name, "bin", configuration, "net10.0", name + ".dll"),
        };
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException($"Sample {name} is not built; looked in: {string.Join(", ", candidates)}");
    }

    /// <summary>Starts a sample with <c>dotnet NAME.dll args</c> and waits for its <c>ready</c> line.</summary>
    public static async Task<PeerProcess> StartAsync(string name, IEnumerable<string> arguments, TimeSpan readyTimeout, string? netns = null)
    {
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var process = netns is null
            ? PeerProcess.Start(dotnet, [Assembly(name), .. arguments])
            : PeerProcess.Start(NativeTool.Require("ip", "iproute2"), ["netns", "exec", netns, dotnet, Assembly(name), .. arguments]);
        try
        {
            await process.WaitForOutputAsync("ready", readyTimeout).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return process;
    }

    private static string RepositoryRootOrEmpty()
    {
        try
        {
            return RepositoryRoot;
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }
}
