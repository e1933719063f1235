using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// Completes rendering before returning, so a flow driven by the test channel's clock only ever waits on
/// the channel or the fake clock (real espeak-ng runs a process; without this the flow would resume on a
/// pool thread while the test keeps ticking).
/// </summary>
internal sealed class SynchronousPromptRenderer(IPromptRenderer inner) : IPromptRenderer
{
    public ValueTask<IAudioSource> RenderAsync(Prompt prompt, IVariableScope scope, AudioFormat format, CancellationToken cancellationToken) =>
        ValueTask.FromResult(inner.RenderAsync(prompt, scope, format, cancellationToken).AsTask().GetAwaiter().GetResult());
}
