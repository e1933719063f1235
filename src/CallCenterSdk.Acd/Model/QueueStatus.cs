namespace CallCenterSdk.Acd;

/// <summary>Real-time figures of one queue.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Waiting">Contacts waiting (ringing ones included).</param>
/// <param name="LongestWait">Wait of the longest-waiting contact.</param>
/// <param name="Agents">Member agents by state.</param>
/// <param name="ExpectedWaitForNewContact">Estimated wait of a contact arriving now (position = waiting + 1).</param>
public readonly record struct QueueStatus(QueueId Queue, int Waiting, TimeSpan LongestWait, AgentStateCounts Agents, TimeSpan ExpectedWaitForNewContact);
