namespace CallCenterSdk.Testing;

/// <summary>A scratch directory under the system temp folder for one test, removed at dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ccsdk-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a killed child process or a failed test must not hide the real
            // outcome; the OS temp cleaner removes what is left.
        }
    }
}
