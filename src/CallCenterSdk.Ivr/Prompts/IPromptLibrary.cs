using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>Resolves recorded prompts by name (a folder of WAV files, a tenant's prompt store).</summary>
public interface IPromptLibrary
{
    /// <summary>Opens <paramref name="name"/> as audio in <paramref name="format"/>; throws <see cref="PromptUnavailableException"/> when it does not exist.</summary>
    ValueTask<IAudioSource> OpenAsync(string name, AudioFormat format, CancellationToken cancellationToken);
}
