using CallCenterSdk.Acd.Engine;

namespace CallCenterSdk.Acd.Routing;

/// <summary>The engine's eligibility test (skills, tier and profile delays, sticky agent), used by strategies.</summary>
internal interface IMemberFilter
{
    bool IsEligible(MemberRuntime member, ContactRuntime contact);
}
