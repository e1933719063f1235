namespace CallCenterSdk.Media.Opus;

/// <summary>
/// Thrown when the system Opus library (libopus.so.0) cannot be loaded. The message names the library and the
/// package that provides it (Debian/Ubuntu: libopus0).
/// </summary>
public sealed class OpusLibraryNotFoundException : DllNotFoundException
{
    /// <summary>Creates the exception with a message.</summary>
    public OpusLibraryNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public OpusLibraryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the standard message.</summary>
    public OpusLibraryNotFoundException()
        : base(OpusLibrary.MissingMessage([OpusLibrary.LibraryFileName]))
    {
    }
}
