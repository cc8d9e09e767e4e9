package io.mapdbg.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.command.CommandRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
    private final ScriptParser parser = new ScriptParser(CommandRegistry.standard());

    private TraceScript parse(String text) {
        return parser.parse("t.mdbg", text);
    }

    private ScriptSyntaxException error(String text) {
        try {
            parse(text);
        } catch (ScriptSyntaxException e) {
            return e;
        }
        throw new AssertionError("no syntax error in:\n" + text);
    }

    @Test
    void theIssueExampleParsesIntoLinesAndOneBlock() {
        TraceScript s = parse("""
                # catch who writes order-42, and where those writers were born
                origin on                                   # from now on, remember where each new thread was started
                break w mapassign --map com.acme.Orders.BY_ID if key == "order-42"
                on w stack 8                                # one command run on each hit
                on w {                                      # or a block
                  print key
                  print value
                  origin                                    # where the hitting thread was created
                }
                trace g mapgrow --map com.acme.Orders.BY_ID
                run 30s                                     # let the target run for 30 s, handling hits
                threads --blocked
                detach
                """);
        assertThat(s.steps()).hasSize(8);
        Step.Line brk = (Step.Line) s.steps().get(1);
        assertThat(brk.line()).isEqualTo(3);
        assertThat(brk.words()).containsExactly("break", "w", "mapassign", "--map", "com.acme.Orders.BY_ID", "if", "key", "==", "order-42");
        assertThat(brk.source()).endsWith("\"order-42\""); // the expression keeps its quotes
        Step.OnBlock block = (Step.OnBlock) s.steps().get(3);
        assertThat(block.line()).isEqualTo(5);
        assertThat(block.breakpoint()).isEqualTo("w");
        assertThat(block.body()).extracting(Step.Line::text).containsExactly("print key", "print value", "origin");
        assertThat(block.body()).extracting(Step.Line::line).containsExactly(6, 7, 8);
        assertThat(((Step.Line) s.steps().get(2)).words()).containsExactly("on", "w", "stack", "8");
        assertThat(((Step.Line) s.steps().get(5)).words()).containsExactly("run", "30s");
    }

    @Test
    void commentsAndBlankLinesAreSkippedButHashInsideQuotesOrWordsIsKept() {
        TraceScript s = parse("\n   # only a comment\n\nprint \"a # b\" == x#y   # trailing\r\n");
        assertThat(s.steps()).hasSize(1);
        Step.Line line = (Step.Line) s.steps().get(0);
        assertThat(line.line()).isEqualTo(4);
        assertThat(line.words()).containsExactly("print", "a # b", "==", "x#y");
    }

    @Test
    void unknownCommandIsReportedAtItsColumnWithSuggestions() {
        ScriptSyntaxException e = error("origin on\n   brake w mapassign\n");
        assertThat(e.getMessage()).startsWith("t.mdbg:2:4: unknown command 'brake'").contains("break");
    }

    @Test
    void unknownOptionIsReportedAtTheOptionsColumn() {
        ScriptSyntaxException e = error("threads --bloked\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.reason()).contains("--bloked");
    }

    @Test
    void runBoundsAreCheckedBeforeAnythingRuns() {
        assertThat(parse("run\nrun 500ms\nrun 2m\nrun 1.5s\nrun until 5 hits\nrun 30s until 1 hit\n").steps()).hasSize(6);
        assertThat(error("run 30x\n").getMessage()).isEqualTo("t.mdbg:1:5: run: '30x' is not a duration (e.g. 500ms, 30s, 2m, 1h)");
        assertThat(error("run until five hits\n").getMessage()).contains("t.mdbg:1:5:", "until takes a number");
        assertThat(error("run until 0 hits\n").getMessage()).contains("1 or more");
        assertThat(error("run 5s until 3\n").getMessage()).contains("run [DURATION] [until N hits]");
    }

    @Test
    void originTakesOnOrOffOnly() {
        assertThat(parse("origin\norigin on\norigin off\nthread 12 origin\n").steps()).hasSize(4);
        assertThat(error("origin yes\n").column()).isEqualTo(8);
    }

    @Test
    void theCommandOfAnOnLineAndOfABlockIsCheckedToo() {
        assertThat(error("on w stak 8\n").getMessage()).startsWith("t.mdbg:1:6: unknown command 'stak'");
        assertThat(error("on w {\n  print key\n  stack --depht 3\n}\n").getMessage())
                .isEqualTo("t.mdbg:3:9: stack: Unknown option: '--depht'");
    }

    @Test
    void commandsThatCannotRunAtAHitAreRefusedInsideOn() {
        assertThat(error("on w {\n  run 5s\n}\n").getMessage()).isEqualTo("t.mdbg:2:3: run cannot run at a hit (in an on command or block)");
        assertThat(error("on w continue\n").column()).isEqualTo(6);
        assertThat(error("on w {\n  detach\n}\n").line()).isEqualTo(2);
    }

    @Test
    void blocksMustOpenAndCloseProperly() {
        assertThat(error("on w {\n  print key\n").getMessage()).isEqualTo("t.mdbg:1:1: 'on w {' is not closed: end the block with a line '}'");
        assertThat(error("print 1\n}\n").getMessage()).isEqualTo("t.mdbg:2:1: '}' without an 'on NAME {' before it");
        assertThat(error("on w {\n}\n").getMessage()).contains("t.mdbg:2:1: empty on block");
        assertThat(error("on w {\n  on x {\n").getMessage()).startsWith("t.mdbg:2:8: '{' inside the on block of line 1");
        assertThat(error("threads {\n").getMessage()).isEqualTo("t.mdbg:1:9: '{' opens a block only in 'on NAME {'");
        assertThat(error("on {\n").column()).isEqualTo(4);
    }

    @Test
    void anUnclosedQuoteNamesItsColumn() {
        ScriptSyntaxException e = error("print 1\nprint key == \"order-42\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(14);
    }

    @Test
    void everyExampleScriptAndGoldenScriptButTheBrokenOneParses() throws java.io.IOException {
        List<java.nio.file.Path> scripts = new java.util.ArrayList<>();
        for (java.nio.file.Path dir : List.of(java.nio.file.Path.of("..", "scripts", "examples"), java.nio.file.Path.of("src", "test", "resources", "golden"))) {
            try (var files = java.nio.file.Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".mdbg") && !f.endsWith("syntax.mdbg")).forEach(scripts::add);
            }
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(7);
        for (java.nio.file.Path f : scripts) {
            assertThat(Scripts.read(f.toString(), CommandRegistry.standard()).steps()).as(f.toString()).isNotEmpty();
        }
    }

    @Test
    void columnsFollowTheWordsAsWritten() {
        assertThat(ScriptParser.columns("  a  'b c'  d", List.of("a", "'b c'", "d"))).containsExactly(3, 6, 13);
    }
}
