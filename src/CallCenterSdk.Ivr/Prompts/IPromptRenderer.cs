using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Prompts;

/// <summary>Turns a <see cref="Prompt"/> into audio for one playback.</summary>
public interface IPromptRenderer
{
    /// <summary>Renders <paramref name="prompt"/> in <paramref name="format"/>, filling text templates from <paramref name="scope"/>.</summary>
    ValueTask<IAudioSource> RenderAsync(Prompt prompt, IVariableScope scope, AudioFormat format, CancellationToken cancellationToken);
}
