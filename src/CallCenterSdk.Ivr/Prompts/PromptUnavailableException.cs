namespace CallCenterSdk.Ivr.Prompts;

/// <summary>A prompt could not be rendered: no text-to-speech configured, a missing file, a failed synthesis.</summary>
public sealed class PromptUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PromptUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PromptUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the cause.</summary>
    public PromptUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
