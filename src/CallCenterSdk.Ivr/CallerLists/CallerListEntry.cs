namespace CallCenterSdk.Ivr.CallerLists;

/// <summary>One rule of a caller list: an exact number or a prefix, and what it means.</summary>
public sealed record CallerListEntry
{
    /// <summary>Creates an entry; <paramref name="number"/> is normalized (spaces, dashes, dots and parentheses removed).</summary>
    public CallerListEntry(string number, bool isPrefix, CallerListKind kind)
    {
        Number = CallerNumber.Normalize(number);
        if (Number.Length == 0 || kind == CallerListKind.None)
        {
            throw new ArgumentException($"'{number}' ({kind}) is not a usable caller list entry.", nameof(number));
        }

        IsPrefix = isPrefix;
        Kind = kind;
    }

    /// <summary>The normalized number or prefix.</summary>
    public string Number { get; }

    /// <summary>True to match every number starting with <see cref="Number"/>.</summary>
    public bool IsPrefix { get; }

    /// <summary>The list.</summary>
    public CallerListKind Kind { get; }

    /// <summary>Black list: what to do. Default hang up.</summary>
    public BlackListAction Action { get; init; } = BlackListAction.HangUp;

    /// <summary>Black list with <see cref="BlackListAction.PlayMessage"/>: the text to say.</summary>
    public string? Message { get; init; }

    /// <summary>Black list with <see cref="BlackListAction.RouteToExtension"/>: where to send the caller.</summary>
    public string? Extension { get; init; }

    /// <summary>VIP: the priority boost given to the queue. Default 10.</summary>
    public int Priority { get; init; } = 10;

    /// <summary>VIP: the named agent group, if any.</summary>
    public string? Group { get; init; }

    /// <summary>A note for people (the reason a number was blocked).</summary>
    public string? Label { get; init; }
}
