using System.Diagnostics;
using System.Text;

namespace CallCenterSdk.Testing;

/// <summary>
/// A third-party peer (sipp, baresip, ...) run as a child process with its output captured, ended by
/// its own PID when disposed. Every run is bounded by a timeout.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the process wrote to standard output so far.</summary>
    public string StandardOutput
    {
        get { lock (_stdout) { return _stdout.ToString(); } }
    }

    /// <summary>Everything the process wrote to standard error so far.</summary>
    public string StandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static PeerProcess Start(string executable, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (peer._stdout) { peer._stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (peer._stderr) { peer._stderr.AppendLine(e.Data); } } };
        process.Exited += (_, _) => peer._exited.TrySetResult(process.ExitCode);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {executable}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return peer;
    }

    /// <summary>Waits for the process to exit and returns its exit code; kills it and throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_exited.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished != _exited.Task)
        {
            Kill();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout}. stdout:\n{Tail(StandardOutput)}\nstderr:\n{Tail(StandardError)}");
        }

        // Let the asynchronous readers drain.
        _process.WaitForExit();
        return await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Waits until standard output or error contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (StandardOutput.Contains(text, StringComparison.Ordinal) || StandardError.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            if (_exited.Task.IsCompleted)
            {
                break;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        throw new TimeoutException($"'{text}' did not appear from {_process.StartInfo.FileName}. stdout:\n{Tail(StandardOutput)}\nstderr:\n{Tail(StandardError)}");
    }

    /// <summary>Ends the process (SIGKILL to its own PID) if it is still running.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.WhenAny(_exited.Task, Task.Delay(2000)).ConfigureAwait(false);
        _process.Dispose();
    }

    internal static string Tail(string text, int max = 4000) => text.Length <= max ? text : text[^max..];
}
