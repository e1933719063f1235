namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>Reads the byte-exact test messages copied from /work/shared/corpus into Corpus/.</summary>
internal static class SipCorpus
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static byte[] Read(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"corpus file missing from the test output: {path}");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Rows of rfc4475/MANIFEST.tsv: file name and the RFC's valid/invalid class.</summary>
    public static IReadOnlyList<(string File, string Class)> Rfc4475Manifest() =>
        File.ReadAllLines(Path.Combine(Root, "rfc4475", "MANIFEST.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c[3]))
            .ToList();

    public static IEnumerable<string> AllMessageFiles() =>
        Directory.EnumerateFiles(Root, "*.sip", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p))
            .OrderBy(p => p, StringComparer.Ordinal);
}
