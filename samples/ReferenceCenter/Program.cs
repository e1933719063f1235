return await ReferenceCenter.ReferenceCenterApp.RunAsync(args).ConfigureAwait(false);
