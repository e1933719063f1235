namespace CallCenterSdk.Media.Dtmf;

/// <summary>One RTP packet a <see cref="TelephoneEventSender"/> wants sent: the RTP timestamp, marker and payload.</summary>
/// <param name="Timestamp">The event's start timestamp (the same for every packet of one event segment).</param>
/// <param name="Marker">Set on the first packet of an event (RFC 4733 §2.5.1.1).</param>
/// <param name="Payload">The named-event payload.</param>
public readonly record struct TelephoneEventPacket(uint Timestamp, bool Marker, TelephoneEventPayload Payload);
