using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using CallCenterSdk.Media.Threading;

namespace CallCenterSdk.Media.Transport;

/// <summary>
/// Reads every media socket of a process (or of one engine) on a few threads of its own, each waiting in Linux
/// <c>epoll_wait</c> over its share of the sockets and reading a ready one with a non-blocking <c>recvfrom</c>; the
/// <see cref="IMediaPacketHandler"/> runs right there. Compared with one async receive loop per socket, a datagram costs
/// one system call and no hop to the thread pool, no task, no cancellation registration: what lets hundreds of relayed
/// calls fit beside other work on two cores. Sockets are registered under a slot number and generation, never under their
/// descriptor, so a closed socket's number reused by a new one can never receive the old one's readiness.
/// </summary>
/// <remarks>
/// Handlers run on the poller's threads and must not block: a handler that waits holds up every socket on its thread.
/// Linux only (<see cref="IsSupported"/>); elsewhere <see cref="UdpMediaTransport"/> uses async receive loops.
/// </remarks>
public sealed unsafe class MediaSocketPoller : IDisposable
{
    private const int MaxEvents = 256;
    private const ulong WakeTag = ulong.MaxValue;
    private const int ReceiveBufferSize = 65536;

    private static readonly Lazy<MediaSocketPoller> SharedPoller = new(() => new MediaSocketPoller(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PollThread[] _threads;
    private readonly object _slotGate = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly int? _nice;
    private Registration?[] _slots = new Registration?[256];
    private int _nextSlot;
    private uint _generation;
    private int _nextThread;
    private int _registered;
    private int _disposed;

    /// <summary>Starts the poller's threads.</summary>
    /// <param name="threadCount">Receive threads; 0 for one per two processors, at most four.</param>
    /// <param name="nice">The Linux nice value of the threads (see <see cref="ThreadNice"/>); null to leave them at the process's.</param>
    /// <param name="name">The threads' name prefix.</param>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    public MediaSocketPoller(int threadCount = 0, int? nice = null, string name = "media-rx")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threadCount);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("The media socket poller uses Linux epoll.");
        }

        _nice = nice;
        var count = threadCount > 0 ? threadCount : Math.Clamp(Environment.ProcessorCount / 2, 1, 4);
        _threads = new PollThread[count];
        var started = new CountdownEvent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                _threads[i] = new PollThread(this, $"{name}-{i}", started);
            }

            started.Wait();
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            started.Dispose();
        }
    }

    /// <summary>Whether this platform has a poller (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The process's default poller (threads at normal priority), started on first use; never disposed.</summary>
    public static MediaSocketPoller Shared => SharedPoller.Value;

    /// <summary>The number of receive threads.</summary>
    public int ThreadCount => _threads.Length;

    /// <summary>Why the threads run at the process's nice value rather than the one asked for; null when set (or none asked).</summary>
    public string? PriorityError { get; private set; }

    /// <summary>The threads' kernel ids (as /proc/self/task lists them), for diagnostics and tests.</summary>
    public IReadOnlyList<int> NativeThreadIds => [.. _threads.Select(t => t.NativeThreadId)];

    /// <summary>Sockets currently registered.</summary>
    public int RegisteredSockets => Volatile.Read(ref _registered);

    /// <summary>Datagrams read by all threads so far.</summary>
    public long DatagramsRead => _threads.Sum(t => Volatile.Read(ref t.Datagrams));

    /// <summary>Times a thread woke from epoll_wait with work; datagrams per wake-up is the batching the load allows.</summary>
    public long Wakeups => _threads.Sum(t => Volatile.Read(ref t.Wakeups));

    /// <summary>Stops the threads. Transports still registered stop receiving and fault with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var thread in _threads)
        {
            thread?.Stop();
        }

        Registration?[] slots;
        lock (_slotGate)
        {
            slots = [.. _slots];
        }

        foreach (var registration in slots)
        {
            registration?.Owner.FailReceive(new ObjectDisposedException(nameof(MediaSocketPoller), "The media socket poller was disposed while this transport was receiving."));
        }
    }

    /// <summary>Adds a socket: from now its datagrams go to <paramref name="owner"/> on one of the threads.</summary>
    internal Registration Register(UdpMediaTransport owner, Socket socket, bool rtcp, int affinity)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var thread = _threads[(uint)affinity % (uint)_threads.Length];
        Registration registration;
        lock (_slotGate)
        {
            if (!_freeSlots.TryPop(out var slot))
            {
                slot = _nextSlot++;
                if (slot == _slots.Length)
                {
                    var grown = new Registration?[_slots.Length * 2];
                    _slots.CopyTo(grown, 0);
                    Volatile.Write(ref _slots, grown);
                }
            }

            registration = new Registration(owner, socket, rtcp, thread, slot, ++_generation);
            Volatile.Write(ref _slots[slot], registration);
        }

        if (LinuxSockets.Add(thread.Epoll, registration.Fd, registration.Tag) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Release(registration);
            throw LinuxSockets.Failure("epoll_ctl", errno);
        }

        Interlocked.Increment(ref _registered);
        return registration;
    }

    /// <summary>Picks the thread for a new transport's sockets (all of one transport's sockets share a thread).</summary>
    internal int NextAffinity() => Interlocked.Increment(ref _nextThread);

    /// <summary>
    /// Takes a socket out: no readiness of it is dispatched after this returns, and a dispatch under way on another
    /// thread has finished (the registration's lock); then the socket may be closed.
    /// </summary>
    internal void Unregister(Registration registration)
    {
        registration.Closing = true; // a dispatch that takes the lock before us reads nothing more
        lock (registration)
        {
            if (registration.Closed)
            {
                return;
            }

            registration.Closed = true;
        }

        _ = LinuxSockets.Remove(registration.Thread.Epoll, registration.Fd);
        Release(registration);
        Interlocked.Decrement(ref _registered);
    }

    private void Release(Registration registration)
    {
        lock (_slotGate)
        {
            if (ReferenceEquals(_slots[registration.Slot], registration))
            {
                Volatile.Write(ref _slots[registration.Slot], null);
                _freeSlots.Push(registration.Slot);
            }
        }
    }

    private Registration? Find(ulong tag)
    {
        var slots = Volatile.Read(ref _slots);
        var slot = (int)(uint)tag;
        if ((uint)slot >= (uint)slots.Length)
        {
            return null;
        }

        var registration = Volatile.Read(ref slots[slot]);
        return registration is not null && registration.Tag == tag ? registration : null;
    }

    private void SetPriorityError(string error)
    {
        lock (_slotGate)
        {
            PriorityError ??= error;
        }
    }

    /// <summary>One socket in one thread's epoll set.</summary>
    internal sealed class Registration(UdpMediaTransport owner, Socket socket, bool rtcp, PollThread thread, int slot, uint generation)
    {
        public UdpMediaTransport Owner { get; } = owner;

        public Socket Socket { get; } = socket;

        /// <summary>The descriptor, read once; valid while the registration is open (the owner closes the socket after <see cref="Unregister"/>).</summary>
        public int Fd { get; } = (int)socket.SafeHandle.DangerousGetHandle();

        public bool Rtcp { get; } = rtcp;

        public PollThread Thread { get; } = thread;

        public int Slot { get; } = slot;

        public ulong Tag { get; } = ((ulong)generation << 32) | (uint)slot;

        /// <summary>Set under the registration's lock once it is out; a dispatch checks <see cref="Closing"/> under the same lock.</summary>
        public bool Closed { get; set; }

        /// <summary>Set before <see cref="Unregister"/> takes the lock, so a dispatch thread that wins the lock back reads nothing more.</summary>
        public volatile bool Closing;
    }

    /// <summary>One receive thread with its epoll set, its wake-up eventfd, its buffer and its reused source addresses.</summary>
    internal sealed class PollThread
    {
        private readonly MediaSocketPoller _poller;
        private readonly Thread _thread;
        private readonly CountdownEvent _started;
        private readonly byte[] _buffer = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
        private readonly SocketAddress _v4 = new(AddressFamily.InterNetwork);
        private readonly SocketAddress _v6 = new(AddressFamily.InterNetworkV6);
        private readonly int _wakeFd = -1;
        private volatile bool _stopping;
        public long Datagrams;
        public long Wakeups;

        public PollThread(MediaSocketPoller poller, string name, CountdownEvent started)
        {
            _poller = poller;
            _started = started;
            Epoll = LinuxSockets.epoll_create1(LinuxSockets.EpollCloexec);
            if (Epoll < 0)
            {
                throw LinuxSockets.Failure("epoll_create1", Marshal.GetLastPInvokeError());
            }

            _wakeFd = LinuxSockets.eventfd(0, LinuxSockets.EfdCloexec | LinuxSockets.EfdNonblock);
            if (_wakeFd < 0 || LinuxSockets.Add(Epoll, _wakeFd, WakeTag) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                Close();
                throw LinuxSockets.Failure("eventfd (wake-up) or epoll_ctl", errno);
            }

            _thread = new Thread(Run) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public int Epoll { get; private set; } = -1;

        public int NativeThreadId { get; private set; }

        public void Stop()
        {
            _stopping = true;
            ulong one = 1;
            _ = LinuxSockets.write(_wakeFd, (byte*)&one, sizeof(ulong));
            if (_thread.IsAlive && Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
            {
                _thread.Join();
            }

            Close();
        }

        private void Close()
        {
            if (_wakeFd >= 0)
            {
                _ = LinuxSockets.close(_wakeFd);
            }

            if (Epoll >= 0)
            {
                _ = LinuxSockets.close(Epoll);
                Epoll = -1;
            }
        }

        private void Run()
        {
            NativeThreadId = ThreadNice.CurrentThreadId();
            if (_poller._nice is int nice && ThreadNice.TrySetCurrent(nice) is { } error)
            {
                _poller.SetPriorityError(error);
            }

            _started.Signal();
            var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxSockets.EventSize));
            try
            {
                while (!_stopping)
                {
                    var ready = LinuxSockets.epoll_wait(Epoll, events, MaxEvents, -1);
                    if (ready < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == LinuxSockets.EIntr)
                        {
                            continue;
                        }

                        return; // the epoll set was closed: the poller is stopping
                    }

                    Wakeups++;
                    for (var i = 0; i < ready; i++)
                    {
                        var tag = LinuxSockets.ReadData(events + (i * LinuxSockets.EventSize));
                        if (tag == WakeTag)
                        {
                            continue;
                        }

                        if (_poller.Find(tag) is not { } registration)
                        {
                            continue; // taken out after epoll_wait returned: its socket is (being) closed
                        }

                        var address = registration.Socket.AddressFamily == AddressFamily.InterNetworkV6 ? _v6 : _v4;
                        try
                        {
                            if (registration.Owner.OnReadable(registration, _buffer, address))
                            {
                                Datagrams++;
                            }
                        }
                        catch (Exception e)
                        {
                            // A handler or socket failure ends that transport's reception, never the thread.
                            registration.Owner.FailReceive(e);
                        }
                    }
                }
            }
            finally
            {
                NativeMemory.Free(events);
            }
        }
    }
}
