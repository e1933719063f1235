namespace CallCenterSdk.Ivr.Speech;

/// <summary>The text-to-speech engine is missing or failed; the message says which and how to fix it.</summary>
public sealed class TextToSpeechException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TextToSpeechException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TextToSpeechException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the cause.</summary>
    public TextToSpeechException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
