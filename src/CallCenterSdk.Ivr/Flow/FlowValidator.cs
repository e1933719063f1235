namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// Structural checks of a flow graph: unique ids, existing targets, reachability from the start, and no
/// cycle made only of steps that never wait for the caller (found as strongly connected components).
/// </summary>
internal static class FlowValidator
{
    public static List<FlowValidationError> Validate(string flowId, string start, IReadOnlyList<FlowStep> steps)
    {
        var errors = new List<FlowValidationError>();
        var byId = new Dictionary<string, FlowStep>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!byId.TryAdd(step.Id, step))
            {
                errors.Add(new(FlowValidationCode.DuplicateNode, step.Id, null, $"Node id '{step.Id}' is used more than once."));
            }
        }

        if (steps.Count == 0)
        {
            errors.Add(new(FlowValidationCode.MissingTarget, null, null, $"Flow '{flowId}' has no nodes."));
            return errors;
        }

        if (!byId.ContainsKey(start))
        {
            errors.Add(new(FlowValidationCode.MissingTarget, null, null, $"The start node '{start}' does not exist."));
        }

        foreach (var step in byId.Values)
        {
            foreach (string target in step.Targets)
            {
                if (!byId.ContainsKey(target))
                {
                    errors.Add(new(FlowValidationCode.MissingTarget, step.Id, null,
                        $"Node '{step.Id}' ({step.StepType}) goes to '{target}', which does not exist."));
                }
            }
        }

        if (byId.ContainsKey(start))
        {
            var reached = new HashSet<string>(StringComparer.Ordinal) { start };
            var pending = new Stack<string>();
            pending.Push(start);
            while (pending.Count > 0)
            {
                foreach (string target in byId[pending.Pop()].Targets)
                {
                    if (byId.ContainsKey(target) && reached.Add(target))
                    {
                        pending.Push(target);
                    }
                }
            }

            foreach (var step in byId.Values.Where(s => !reached.Contains(s.Id)))
            {
                errors.Add(new(FlowValidationCode.UnreachableNode, step.Id, null,
                    $"Node '{step.Id}' cannot be reached from the start node '{start}'."));
            }
        }

        foreach (var cycle in StronglyConnected(byId))
        {
            bool isLoop = cycle.Count > 1 || byId[cycle[0]].Targets.Contains(cycle[0], StringComparer.Ordinal);
            if (isLoop && !cycle.Any(id => byId[id].TakesInput))
            {
                errors.Add(new(FlowValidationCode.LoopWithoutInput, cycle[0], null,
                    $"Nodes {string.Join(" -> ", cycle.Select(c => $"'{c}'"))} form a loop in which no step waits for the caller; it would never end."));
            }
        }

        return errors;
    }

    // Tarjan's algorithm, iterative so a flow of thousands of nodes cannot overflow the stack.
    private static List<List<string>> StronglyConnected(Dictionary<string, FlowStep> byId)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        int next = 0;

        foreach (string root in byId.Keys)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, IEnumerator<string> Edges)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, edges) = work.Peek();
                if (edges.MoveNext())
                {
                    string target = edges.Current;
                    if (!byId.ContainsKey(target))
                    {
                        continue;
                    }

                    if (!index.TryGetValue(target, out int targetIndex))
                    {
                        Visit(target);
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], targetIndex);
                    }

                    continue;
                }

                work.Pop();
                edges.Dispose();
                if (work.Count > 0)
                {
                    string parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (!string.Equals(member, node, StringComparison.Ordinal));

                    component.Reverse();
                    result.Add(component);
                }
            }

            void Visit(string node)
            {
                index[node] = low[node] = next++;
                stack.Push(node);
                onStack.Add(node);
                work.Push((node, byId[node].Targets.Distinct(StringComparer.Ordinal).GetEnumerator()));
            }
        }

        return result;
    }
}
