namespace CallCenterSdk.Media.Opus.Tests;

/// <summary>What a user sees when libopus is missing, and that the real one is found by its runtime name.</summary>
public class OpusLibraryTests
{
    [Fact]
    public void A_missing_library_raises_an_error_naming_libopus_so_0_and_the_package()
    {
        var error = Assert.Throws<OpusLibraryNotFoundException>(() => OpusLibrary.Load(["libopus-not-installed.so.0", "/nonexistent/libopus.so.0"]));
        Assert.Contains("libopus.so.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libopus0", error.Message, StringComparison.Ordinal);
        Assert.Contains("libopus-not-installed.so.0", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DllNotFoundException>(error);
    }

    [Fact]
    public void The_runtime_library_is_found_without_the_dev_symlink()
    {
        Assert.True(File.Exists("/usr/lib/x86_64-linux-gnu/libopus.so.0"), "libopus.so.0 is not installed: apt-get install libopus0");
        Assert.NotEqual(IntPtr.Zero, OpusLibrary.Load([OpusLibrary.LibraryFileName]));
        Assert.True(OpusLibrary.IsAvailable);
    }

    [Fact]
    public void The_default_error_message_names_the_library_and_the_package()
    {
        var error = new OpusLibraryNotFoundException();
        Assert.Contains("libopus.so.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("libopus0", error.Message, StringComparison.Ordinal);
    }
}
