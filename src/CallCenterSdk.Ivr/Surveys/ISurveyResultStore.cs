namespace CallCenterSdk.Ivr.Surveys;

/// <summary>Keeps survey results (the CRM's questionnaire tables, a report store).</summary>
public interface ISurveyResultStore
{
    /// <summary>Stores <paramref name="result"/>. Failures must throw.</summary>
    ValueTask SaveAsync(SurveyResult result, CancellationToken cancellationToken);
}
