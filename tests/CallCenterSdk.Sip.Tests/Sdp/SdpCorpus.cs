namespace CallCenterSdk.Sip.Tests.Sdp;

/// <summary>The SDP files copied byte-exact from the shared corpus (CRLF line ends).</summary>
internal static class SdpCorpus
{
    public static string Directory { get; } = Locate();

    public static IEnumerable<string> FileNames =>
        System.IO.Directory.EnumerateFiles(Directory, "*.sdp").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in FileNames)
        {
            data.Add(name);
        }

        return data;
    }

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    private static string Locate()
    {
        // Copied beside the test assembly by the project file; CI builds map source paths, so no [CallerFilePath].
        var output = Path.Combine(AppContext.BaseDirectory, "Sdp", "Corpus");
        return System.IO.Directory.Exists(output)
            ? output
            : throw new DirectoryNotFoundException($"SDP corpus not found in {output}.");
    }
}
