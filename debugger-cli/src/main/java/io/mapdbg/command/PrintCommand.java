package io.mapdbg.command;

import io.mapdbg.expr.Expr;
import io.mapdbg.expr.ExpressionException;
import io.mapdbg.expr.Expressions;
import io.mapdbg.model.Result;
import io.mapdbg.service.ValueService;
import io.mapdbg.session.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "print", aliases = {"p"},
        description = {"Evaluate an expression in the selected frame and print its value.",
                "",
                "Names: this, the arguments (key, value, hash... on the map write paths), locals where the class "
                        + "has them, fields (private ones too: this.table.length), array elements (a[i]), static "
                        + "fields (com.acme.Cls.FIELD.size). Operators as in Java: ! - * / %% + < <= > >= == != "
                        + "&& || instanceof; == on two strings compares their contents. Helpers: len(x) (array, "
                        + "string or map size), hash(key), bin(map, key) (the bin the key goes to).",
                "",
                "Literals and static fields need no stopped thread; anything else reads the frame that a "
                        + "breakpoint stopped at or that thread <id> and frame <n> selected. Nothing is invoked in "
                        + "the target unless invoke is on (then hash() of other keys calls their hashCode()).",
                "",
                "The words are joined with spaces. Quote a string literal for the REPL: print 'key == \"order-42\"'.",
                ""})
public final class PrintCommand implements MapdbgCommand {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(arity = "1..*", paramLabel = "EXPR", description = "The expression.")
    List<String> words;

    @Option(names = "--preview", paramLabel = "CHARS", defaultValue = "200",
            description = "Bound on the value's preview (default ${DEFAULT-VALUE}).")
    int preview;

    @Override
    public Result run(CommandContext context) {
        String text = context.sourceOf(words);
        Session session = context.requireSession();
        Expr expr;
        try {
            expr = Expressions.parse(text);
        } catch (ExpressionException e) {
            throw new CommandException("print: " + e.getMessage(), 2);
        }
        return new ValueService(session).print(text, expr, context.invokeAllowed(), preview);
    }

    @Override
    public boolean json() {
        return output.json();
    }
}
