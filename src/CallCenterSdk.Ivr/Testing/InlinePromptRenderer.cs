using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Ivr.Testing;

/// <summary>
/// Wraps a renderer so rendering finishes before the engine continues. <see cref="MediaTestChannel"/> is
/// the media clock of a simulated call: if a prompt rendered on another thread (espeak-ng runs a process),
/// the simulated clock would keep running meanwhile and the caller's timing would drift. Use it with the
/// test channel only; real hosts render asynchronously.
/// </summary>
/// <param name="inner">The renderer doing the work.</param>
public sealed class InlinePromptRenderer(IPromptRenderer inner) : IPromptRenderer
{
    /// <inheritdoc />
    public ValueTask<IAudioSource> RenderAsync(Prompt prompt, IVariableScope scope, AudioFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return ValueTask.FromResult(inner.RenderAsync(prompt, scope, format, cancellationToken).AsTask().GetAwaiter().GetResult());
    }
}
