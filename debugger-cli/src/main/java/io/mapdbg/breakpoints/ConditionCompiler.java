package io.mapdbg.breakpoints;

import com.sun.jdi.IncompatibleThreadStateException;
import io.mapdbg.expr.Evaluator;
import io.mapdbg.expr.Expr;
import io.mapdbg.expr.ExpressionException;
import io.mapdbg.expr.Expressions;
import io.mapdbg.expr.Scope;

import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link HitCondition} from text: {@code hitcount OP N} ({@code -hitcount} too, as {@code cond} takes
 * it), or any boolean expression of {@code io.mapdbg.expr}, parsed once here (errors name the column) and
 * evaluated at each hit in the stopped frame ({@code this}, arguments by name, locals where visible).
 */
public final class ConditionCompiler {
    private static final Pattern HITCOUNT = Pattern.compile("-?hitcount\\s*(==|!=|<=|>=|<|>)\\s*(\\d+)");

    private final BooleanSupplier invokeAllowed;

    public ConditionCompiler(BooleanSupplier invokeAllowed) {
        this.invokeAllowed = invokeAllowed;
    }

    /** Checks a condition's syntax only (nothing is evaluated); throws ExpressionException naming the column. */
    public static void checkSyntax(String text) {
        if (!HITCOUNT.matcher(text.trim()).matches()) {
            Expressions.parse(text);
        }
    }

    /** A {@code hitcount OP N} condition as a test of the hit count; null for any other condition. */
    public static java.util.function.LongPredicate hitCount(String text) {
        Matcher h = HITCOUNT.matcher(text.trim());
        if (!h.matches()) {
            return null;
        }
        String op = h.group(1);
        long n = Long.parseLong(h.group(2));
        return count -> compare(count, op, n);
    }

    public HitCondition compile(String text) {
        String t = text.trim();
        Matcher h = HITCOUNT.matcher(t);
        if (h.matches()) {
            String op = h.group(1);
            long n = Long.parseLong(h.group(2));
            return condition(t, scope -> compare(scope.hitCount(), op, n));
        }
        Expr expr;
        try {
            expr = Expressions.parse(t);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("condition '" + t + "': " + e.getMessage(), e);
        }
        return condition(t, scope -> {
            try {
                Scope frame = Scope.of(scope.thread().frame(0), invokeAllowed.getAsBoolean());
                return Evaluator.test(expr, frame);
            } catch (IncompatibleThreadStateException e) {
                throw new IllegalStateException("the thread is not stopped", e);
            }
        });
    }

    private static boolean compare(long a, String op, long b) {
        return switch (op) {
            case "==" -> a == b;
            case "!=" -> a != b;
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            default -> a >= b;
        };
    }

    private static HitCondition condition(String source, java.util.function.Predicate<HitScope> test) {
        return new HitCondition() {
            @Override
            public boolean test(HitScope scope) {
                return test.test(scope);
            }

            @Override
            public String source() {
                return source;
            }
        };
    }
}
