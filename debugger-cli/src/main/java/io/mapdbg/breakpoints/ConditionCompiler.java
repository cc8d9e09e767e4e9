package io.mapdbg.breakpoints;

import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link HitCondition} from text.
 *
 * <p>TODO(io.mapdbg.expr): a stub until the expression language lands; then compile through io.mapdbg.expr
 * (parse once to an AST, errors naming the column) and evaluate it against the {@link HitScope}. Supported now:
 * {@code NAME == "literal"} / {@code NAME != "literal"} where NAME is an argument ({@code key}, {@code value},
 * {@code argN}) compared by string contents or primitive value, and {@code hitcount OP N} ({@code -hitcount}
 * too) with OP one of {@code == != < <= > >=}. The literal may be written bare ({@code key == order-7}): the
 * command line splitter eats quotes unless the whole condition is quoted.
 */
public final class ConditionCompiler {
    private static final Pattern HITCOUNT = Pattern.compile("-?hitcount\\s*(==|!=|<=|>=|<|>)\\s*(\\d+)");
    private static final Pattern COMPARE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(==|!=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    public HitCondition compile(String text) {
        String t = text.trim();
        Matcher h = HITCOUNT.matcher(t);
        if (h.matches()) {
            String op = h.group(1);
            long n = Long.parseLong(h.group(2));
            return condition(t, scope -> compare(scope.hitCount(), op, n));
        }
        Matcher c = COMPARE.matcher(t);
        if (c.matches()) {
            String name = c.group(1);
            boolean equal = c.group(2).equals("==");
            String literal = unquote(c.group(3));
            return condition(t, scope -> {
                if (!scope.arguments().containsKey(name)) {
                    return false;
                }
                return matches(scope.arguments().get(name), literal) == equal;
            });
        }
        throw new IllegalArgumentException("condition '" + t + "' is not supported yet: for now NAME == \"literal\" "
                + "(key, value, argN) and hitcount >= N; the expression language brings the rest");
    }

    private static boolean matches(Value v, String literal) {
        if (v == null) {
            return literal.equals("null");
        }
        if (v instanceof StringReference s) {
            return s.value().equals(literal);
        }
        if (v instanceof PrimitiveValue p) {
            return p.toString().equals(literal);
        }
        return false;
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

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return s;
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
