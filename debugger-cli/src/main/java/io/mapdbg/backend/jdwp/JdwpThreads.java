package io.mapdbg.backend.jdwp;

import com.sun.jdi.ThreadReference;
import io.mapdbg.backend.ThreadQuery;
import io.mapdbg.model.FrameInfo;
import io.mapdbg.model.Result;
import io.mapdbg.model.StackGroup;
import io.mapdbg.model.StackProfile;
import io.mapdbg.model.ThreadInfo;
import io.mapdbg.model.ThreadList;
import io.mapdbg.session.Session;
import io.mapdbg.threads.LiveThread;
import io.mapdbg.threads.StackGroups;
import io.mapdbg.threads.ThreadReader;
import io.mapdbg.threads.ThreadStates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * threads over JDWP: the list is read in one pause of the whole VM (always resumed); a thread stopped by an event
 * stays stopped (every suspend here is paired with its resume).
 */
public final class JdwpThreads {
    private final Session session;

    public JdwpThreads(Session session) {
        this.session = session;
    }

    /** {@code threads}: a {@link ThreadList}, or a {@link StackProfile} with {@code group}. */
    public Result threads(ThreadQuery query) {
        try (ThreadReader reader = new ThreadReader(session.vm())) {
            int[] counts = new int[2];
            // Before the pause, while the target runs: who the threads are, and a first look at their states to
            // filter on. In the pause: the candidates' states again (a thread may have moved) and their frames.
            Set<ThreadReference> seen = new HashSet<>();
            List<LiveThread> candidates = session.call("listing threads", () -> {
                List<ThreadReference> before = reader.allThreads();
                seen.addAll(before);
                return filter(reader.states(named(reader.identify(before), query.name())), query.state());
            });
            Set<ThreadReference> stopped = session.stoppedAtEvents();
            long start = System.nanoTime();
            List<ThreadInfo> infos = session.suspended(() -> {
                List<ThreadReference> now = reader.allThreads(); // threads started since are read here
                Set<ThreadReference> alive = new HashSet<>(now);
                List<ThreadReader.Identity> identities = new ArrayList<>();
                for (LiveThread t : candidates) {
                    if (alive.contains(t.reference())) {
                        identities.add(t.identity());
                    }
                }
                int stillThere = identities.size();
                // Only the threads shown need their frames and fresh states: cut by id before reading (a thread
                // that left the state meanwhile makes the list one shorter, rather than the pause longer).
                identities.sort(Comparator.comparingLong(ThreadReader.Identity::id));
                if (!query.group() && query.top() > 0 && identities.size() > query.top()) {
                    identities = identities.subList(0, query.top());
                }
                List<ThreadReader.Identity> fresh = named(reader.identify(now.stream().filter(t -> !seen.contains(t)).toList()),
                        query.name());
                counts[0] = now.size();
                List<LiveThread> matched = filter(reader.states(identities), query.state());
                int left = identities.size() - matched.size(); // moved to another state since the first look
                List<LiveThread> freshMatched = filter(reader.states(fresh), query.state());
                matched.addAll(freshMatched);
                matched.sort(Comparator.comparingLong(LiveThread::id));
                counts[1] = stillThere - left + freshMatched.size(); // threads not shown: by their first look
                List<LiveThread> shown = query.group() || query.top() <= 0 || matched.size() <= query.top()
                        ? matched : matched.subList(0, query.top());
                int depth = query.group() ? 0 : 1; // whole stacks to group, else the top frame
                List<List<FrameInfo>> frames = reader.locations(shown.stream().map(LiveThread::reference).toList(), depth);
                List<ThreadInfo> out = new ArrayList<>(shown.size());
                for (int i = 0; i < shown.size(); i++) {
                    out.add(atBreakpoint(shown.get(i).info(null, frames.get(i)), stopped.contains(shown.get(i).reference())));
                }
                return out;
            });
            long pause = (System.nanoTime() - start) / 1_000_000;
            if (!query.group()) {
                return new ThreadList(counts[0], counts[1], infos, infos.size() < counts[1], pause);
            }
            List<StackGroup> groups = StackGroups.group(infos, ThreadQuery.GROUP_NAMES, query.depth());
            boolean cut = query.top() > 0 && groups.size() > query.top();
            return new StackProfile(counts[0], counts[1], cut ? groups.subList(0, query.top()) : groups, cut, pause);
        }
    }

    /**
     * A thread a breakpoint keeps stopped reads RUNNABLE in its own status field: it is shown as AT_BREAKPOINT
     * (its top frame is where it stopped), so that nobody takes it for a running thread.
     */
    public static ThreadInfo atBreakpoint(ThreadInfo t, boolean held) {
        return !held ? t : new ThreadInfo(t.id(), t.jdiId(), t.name(), ThreadStates.AT_BREAKPOINT, t.jdiStatus(), t.daemon(),
                t.frameCount(), t.frames());
    }

    private static List<LiveThread> filter(List<LiveThread> threads, String state) {
        List<LiveThread> out = new ArrayList<>(threads.size());
        for (LiveThread t : threads) {
            if (state == null || state.equals(t.state())) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<ThreadReader.Identity> named(List<ThreadReader.Identity> threads, Pattern name) {
        return name == null ? threads : threads.stream().filter(t -> name.matcher(t.name()).find()).toList();
    }
}
