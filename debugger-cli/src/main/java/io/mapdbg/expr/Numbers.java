package io.mapdbg.expr;

import io.mapdbg.expr.Expr.BinaryOp;

/** Java's binary numeric promotion and arithmetic over the primitive values of {@link Values}. */
final class Numbers {
    private Numbers() {
    }

    static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float
                || v instanceof Short || v instanceof Byte || v instanceof Character;
    }

    static long toLong(Object v) {
        return v instanceof Character c ? c : ((Number) v).longValue();
    }

    static double toDouble(Object v) {
        return v instanceof Character c ? c : ((Number) v).doubleValue();
    }

    /** The promoted kind of a binary operation: double, float, long or int (byte, short and char become int). */
    private static Class<?> promoted(Object l, Object r) {
        if (l instanceof Double || r instanceof Double) {
            return Double.class;
        }
        if (l instanceof Float || r instanceof Float) {
            return Float.class;
        }
        if (l instanceof Long || r instanceof Long) {
            return Long.class;
        }
        return Integer.class;
    }

    static int compare(Object l, Object r) {
        Class<?> kind = promoted(l, r);
        if (kind == Long.class || kind == Integer.class) {
            return Long.compare(toLong(l), toLong(r));
        }
        double a = toDouble(l);
        double b = toDouble(r);
        return a < b ? -1 : a > b ? 1 : a == b ? 0 : 2; // NaN: unordered (2 fails <, <=, >, >= but also ==, via numericallyEqual)
    }

    static boolean numericallyEqual(Object l, Object r) {
        Class<?> kind = promoted(l, r);
        if (kind == Long.class || kind == Integer.class) {
            return toLong(l) == toLong(r);
        }
        return toDouble(l) == toDouble(r);
    }

    static Object arithmetic(BinaryOp op, Object l, Object r, int column) {
        Class<?> kind = promoted(l, r);
        if (kind == Double.class || kind == Float.class) {
            double a = toDouble(l);
            double b = toDouble(r);
            double v = switch (op) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case REM -> a % b;
                default -> throw new IllegalArgumentException(op.symbol);
            };
            return kind == Float.class ? (Object) (float) v : (Object) v;
        }
        long a = toLong(l);
        long b = toLong(r);
        if ((op == BinaryOp.DIV || op == BinaryOp.REM) && b == 0) {
            throw new ExpressionException(column, "division by zero");
        }
        if (kind == Integer.class) {
            int x = (int) a;
            int y = (int) b;
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case REM -> x % y;
                default -> throw new IllegalArgumentException(op.symbol);
            };
        }
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case REM -> a % b;
            default -> throw new IllegalArgumentException(op.symbol);
        };
    }
}
