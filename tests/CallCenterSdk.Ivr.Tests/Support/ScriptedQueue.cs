using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Queueing;

namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// An ACD stand-in whose waiting call advances with the test clock: position drops by one every
/// <see cref="ServiceInterval"/>; at position 0 the agent answers, and after <see cref="TalkTime"/> hangs up.
/// </summary>
internal sealed class ScriptedQueue(TimeProvider time) : IIvrQueue
{
    public TimeSpan ServiceInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TalkTime { get; init; } = TimeSpan.FromSeconds(20);

    public int StartPosition { get; init; } = 3;

    public QueueOutcomeKind? FailWith { get; init; }

    public List<QueueRequest> Requests { get; } = [];

    public List<string> Left { get; } = [];

    public ValueTask<IQueuedCall> EnqueueAsync(QueueRequest request, ICallChannel channel, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return ValueTask.FromResult<IQueuedCall>(new Call(this, time));
    }

    private sealed class Call : IQueuedCall
    {
        private readonly ScriptedQueue _queue;
        private readonly TaskCompletionSource<string> _answered = new();
        private readonly TaskCompletionSource<QueueOutcome> _completed = new();
        private readonly ITimer _timer;
        private int _position;

        public Call(ScriptedQueue queue, TimeProvider time)
        {
            _queue = queue;
            _position = queue.StartPosition;
            _timer = time.CreateTimer(_ => Step(), null, queue.ServiceInterval, queue.ServiceInterval);
        }

        public QueueStatus Status => new(_position, _queue.ServiceInterval * _position);

        public Task<string> Answered => _answered.Task;

        public Task<QueueOutcome> Completed => _completed.Task;

        public ValueTask LeaveAsync(string reason, CancellationToken cancellationToken)
        {
            _queue.Left.Add(reason);
            _timer.Dispose();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _timer.Dispose();
            return ValueTask.CompletedTask;
        }

        private void Step()
        {
            if (_queue.FailWith is { } failure)
            {
                _timer.Dispose();
                _completed.TrySetResult(new QueueOutcome(failure, null, "scripted"));
                return;
            }

            if (_position > 1)
            {
                _position--;
                return;
            }

            if (!_answered.Task.IsCompleted)
            {
                _position = 0;
                _timer.Change(_queue.TalkTime, Timeout.InfiniteTimeSpan);
                _answered.TrySetResult("agent-7");
                return;
            }

            _completed.TrySetResult(new QueueOutcome(QueueOutcomeKind.AgentHungUp, "agent-7"));
        }
    }
}
