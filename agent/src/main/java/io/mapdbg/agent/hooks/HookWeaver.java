package io.mapdbg.agent.hooks;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Weaves the hook calls into one map class: at the entry of each site
 * {@code MapHook.enter(this, key, value, site)} (or {@code enterOne}: see {@link WeaveMode#one}). For non-thread-safe classes,
 * while races are watched, the exits are hooked too, once, at a single return block every return jumps to (the value
 * on the stack), and in a catch-all handler that rethrows (HashMap.putVal is ~300 bytes and the JIT inlines up to 325:
 * each byte counts, and so does each copy of the check in the compiled code): {@code MapHook.exit(this)}.
 * <p>
 * Under {@code races --all} (non-thread-safe classes), before all of that: {@code if (WriterCells.enter(this, key))}
 * the write is wrapped: the method calls itself again on {@code this} with the same arguments ({@code invokespecial},
 * so an override in a subclass does not run twice; the second call runs the original code, since
 * {@code WriterCells.enter} answers false to a thread already in a wrapped write) inside a try/finally that calls
 * {@code WriterCells.exitHot(this, key)}, and returns what it returned. Only the maps the cells found written by two
 * threads are ever wrapped; for the others it is a branch never taken, which the JIT compiles to nothing, and the
 * method has no exit hook. {@code WriterCells.enter} is a tiny static method the JIT inlines: while its gate is shut,
 * one boolean test.
 *
 * <p>No new locals are added; the only new branches are the wrap's test and the returns' jumps to the return block,
 * and the only new stack map frames are theirs and the handlers', written by hand ({@code EXPAND_FRAMES} in,
 * {@code COMPUTE_MAXS} out): {@code COMPUTE_FRAMES} would load classes through the
 * agent's loader, and JDK 25 verifies retransformed {@code java.util} classes.
 */
public final class HookWeaver {
    static final String HOOK = "io/mapdbg/agent/boot/MapHook";
    static final String CELLS = "io/mapdbg/agent/boot/WriterCells";
    static final String ENTER_DESC = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;I)V";
    static final String EXIT_DESC = "(Ljava/lang/Object;)V";
    static final String CELL_ENTER_DESC = "(Ljava/lang/Object;Ljava/lang/Object;)Z";
    static final String CELL_EXIT_DESC = "(Ljava/lang/Object;Ljava/lang/Object;)V";

    private HookWeaver() {
    }

    /** The woven bytes, and the sites woven into them. */
    public static final class Result {
        public final byte[] bytes;
        public final List<HookSite> woven;

        Result(byte[] bytes, List<HookSite> woven) {
            this.bytes = bytes;
            this.woven = woven;
        }
    }

    /** Weaves the hooks mode asks for (see {@link WeaveMode}) into the sites of one map class. */
    static Result weave(byte[] original, final WeaveMode mode) {
        ClassReader reader = new ClassReader(original);
        final String owner = reader.getClassName();
        final Set<String> declared = new HashSet<String>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                    String[] exceptions) {
                declared.add(name + desc);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        final List<HookSite> woven = new ArrayList<HookSite>();
        ClassVisitor cv = new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                HookSite site = HookSites.find(owner, name, desc);
                if (site == null || !site.wovenWith(mode.raceSites())
                        || (site.unlessDeclared != null && declared.contains(name + site.unlessDeclared))
                        || (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return mv;
                }
                woven.add(site);
                boolean cellsHere = mode.cells && site.unsafe;
                return new SiteAdapter(mv, owner, name, desc, site, mode.entryCalls || !cellsHere,
                        mode.exitCalls && site.unsafe, cellsHere, mode.one);
            }
        };
        reader.accept(cv, ClassReader.EXPAND_FRAMES);
        return new Result(writer.toByteArray(), woven);
    }

    private static final class SiteAdapter extends MethodVisitor {
        private final String owner;
        private final String name;
        private final String desc;
        private final Type[] params;
        private final HookSite site;
        private final boolean exits;
        private final boolean entryCalls;
        private final boolean cells;
        private final Label tryStart = new Label();
        private final Label exit = new Label();
        private int lastLine = -1;
        private final Type returnType;
        private final Object returnFrameType;

        private final String enterName;
        private final String exitName;

        SiteAdapter(MethodVisitor mv, String owner, String name, String desc, HookSite site, boolean entryCalls,
                boolean exitCalls, boolean cells, boolean one) {
            super(Opcodes.ASM9, mv);
            this.entryCalls = entryCalls;
            this.cells = cells;
            this.enterName = one ? "enterOne" : "enter";
            this.exitName = one ? "exitOne" : "exit";
            this.owner = owner;
            this.name = name;
            this.desc = desc;
            this.params = Type.getArgumentTypes(desc);
            this.returnType = Type.getReturnType(desc);
            this.returnFrameType = frameType(returnType);
            this.site = site;
            this.exits = exitCalls;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (cells) {
                wrap();
            }
            if (entryCalls) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                loadParam(site.keyParam);
                loadParam(site.valueParam);
                super.visitLdcInsn(site.code());
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, enterName, ENTER_DESC, false);
            }
            if (exits) {
                super.visitLabel(tryStart);
            }
        }

        /**
         * {@code if (WriterCells.enter(this, key)) { try { return this.<same method>(args); } finally {
         * WriterCells.exitHot(this, key); } }}, then the method's own code (see the class comment).
         */
        private void wrap() {
            Label body = new Label();
            Label callStart = new Label();
            Label callEnd = new Label();
            Label handler = new Label();
            super.visitTryCatchBlock(callStart, callEnd, handler, null);
            super.visitVarInsn(Opcodes.ALOAD, 0);
            loadParam(site.keyParam);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CELLS, "enter", CELL_ENTER_DESC, false);
            super.visitJumpInsn(Opcodes.IFEQ, body);
            super.visitLabel(callStart);
            super.visitVarInsn(Opcodes.ALOAD, 0);
            int slot = 1;
            for (Type p : params) {
                super.visitVarInsn(p.getOpcode(Opcodes.ILOAD), slot);
                slot += p.getSize();
            }
            super.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, name, desc, false);
            super.visitLabel(callEnd);
            exitHot();
            super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            super.visitLabel(handler);
            Object[] entryLocals = entryLocals();
            super.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals, 1, new Object[] {"java/lang/Throwable"});
            exitHot();
            super.visitInsn(Opcodes.ATHROW);
            super.visitLabel(body);
            super.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals, 0, new Object[0]);
            super.visitInsn(Opcodes.NOP); // the method's own first frame, if it has one, needs an offset of its own
        }

        private void exitHot() {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            loadParam(site.keyParam);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CELLS, "exitHot", CELL_EXIT_DESC, false);
        }

        /** The stack map types of the locals at the method's entry: this and the parameters. */
        private Object[] entryLocals() {
            Object[] locals = new Object[params.length + 1];
            locals[0] = owner;
            for (int i = 0; i < params.length; i++) {
                locals[i + 1] = frameType(params[i]);
            }
            return locals;
        }

        private void loadParam(int param) {
            if (param < 0 || param >= params.length || params[param].getSort() < Type.ARRAY) {
                super.visitInsn(Opcodes.ACONST_NULL);
                return;
            }
            int slot = 1;
            for (int i = 0; i < param; i++) {
                slot += params[i].getSize();
            }
            super.visitVarInsn(Opcodes.ALOAD, slot);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            lastLine = Math.max(lastLine, line);
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitInsn(int opcode) {
            if (exits && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                super.visitJumpInsn(Opcodes.GOTO, exit); // one exit check for all returns: less compiled code
                return;
            }
            super.visitInsn(opcode);
        }

        /** No site: exits are woven into non-thread-safe sites only, and each byte counts. */
        private void callExit() {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, exitName, EXIT_DESC, false);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (exits) {
                // every return jumps here with its value on the stack: the exit hook, then the return; the frame
                // keeps only `this` (every other local is unused from here on, so any type may come in)
                Label tryEnd = new Label();
                super.visitLabel(tryEnd);
                super.visitLabel(exit);
                Object[] stack = returnFrameType == null ? new Object[0] : new Object[] {returnFrameType};
                super.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, stack.length, stack);
                if (lastLine > 0) {
                    super.visitLineNumber(lastLine, exit); // a stack taken on the way out names a line of the method
                }
                callExit();
                super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
                // catch-all around the body: the exit hook runs on an exceptional exit too, then the throw goes on
                Label handler = new Label();
                super.visitLabel(handler);
                super.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, 1, new Object[] {"java/lang/Throwable"});
                callExit();
                super.visitInsn(Opcodes.ATHROW);
                super.visitTryCatchBlock(tryStart, tryEnd, handler, null);
            }
            super.visitMaxs(maxStack, maxLocals);
        }

        /** The stack map type of a value of type t (null for void). */
        private static Object frameType(Type t) {
            switch (t.getSort()) {
                case Type.VOID:
                    return null;
                case Type.BOOLEAN:
                case Type.CHAR:
                case Type.BYTE:
                case Type.SHORT:
                case Type.INT:
                    return Opcodes.INTEGER;
                case Type.FLOAT:
                    return Opcodes.FLOAT;
                case Type.LONG:
                    return Opcodes.LONG;
                case Type.DOUBLE:
                    return Opcodes.DOUBLE;
                default:
                    return t.getInternalName(); // arrays: their descriptor, as ASM wants it
            }
        }
    }
}
