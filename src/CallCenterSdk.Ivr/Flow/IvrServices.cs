using CallCenterSdk.Ivr.CallerLists;
using CallCenterSdk.Ivr.Data;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Queueing;
using CallCenterSdk.Ivr.Schedules;
using CallCenterSdk.Ivr.Surveys;
using CallCenterSdk.Ivr.Voicemail;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// What the engine needs from the host. Only <see cref="Time"/> and <see cref="Prompts"/> are always used;
/// a step whose service is missing fails with a message naming the property to set.
/// </summary>
public sealed record IvrServices
{
    /// <summary>The clock for every timeout, schedule and trace. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Renders prompts. Default: tones and silence only (no text-to-speech, no files).</summary>
    public IPromptRenderer Prompts { get; init; } = new PromptRenderer(null, null);

    /// <summary>The ACD, for enqueue steps.</summary>
    public IIvrQueue? Queue { get; init; }

    /// <summary>Voicemail storage, for voicemail steps.</summary>
    public IVoicemailStore? VoicemailStore { get; init; }

    /// <summary>Told of each stored voicemail; optional.</summary>
    public IVoicemailNotifier? VoicemailNotifier { get; init; }

    /// <summary>Recording storage, for record steps.</summary>
    public IRecordingStore? Recordings { get; init; }

    /// <summary>Survey results, for survey steps.</summary>
    public ISurveyResultStore? SurveyResults { get; init; }

    /// <summary>Data sources by name, for look-up steps.</summary>
    public IReadOnlyDictionary<string, IIvrDataSource> DataSources { get; init; } = new Dictionary<string, IIvrDataSource>();

    /// <summary>Business schedules per tenant, for schedule steps.</summary>
    public IScheduleCatalog? Schedules { get; init; }

    /// <summary>Caller lists per tenant, for caller-list steps.</summary>
    public ICallerListCatalog? CallerLists { get; init; }

    /// <summary>Flows by id, for sub-flow steps.</summary>
    public IFlowCatalog? Flows { get; init; }

    /// <summary>Timeout of a step that sets none. Default 10 minutes.</summary>
    public TimeSpan DefaultStepTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Steps allowed in a row without caller input before the flow fails (a runtime guard for data-driven loops). Default 1000.</summary>
    public int MaxStepsWithoutInput { get; init; } = 1000;

    /// <summary>Deepest sub-flow nesting. Default 16.</summary>
    public int MaxSubFlowDepth { get; init; } = 16;
}
