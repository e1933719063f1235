namespace CallCenterSdk.Crm.Tickets;

/// <summary>A ticket status change or assignment that the workflow does not allow.</summary>
public sealed class TicketWorkflowException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TicketWorkflowException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which change was refused.</param>
    public TicketWorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">Which change was refused.</param>
    /// <param name="innerException">The cause.</param>
    public TicketWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
