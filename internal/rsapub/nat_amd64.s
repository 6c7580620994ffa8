//go:build !purego

#include "textflag.h"

// func hasADX() bool
TEXT ·hasADX(SB), NOSPLIT, $0-1
	XORL AX, AX
	XORL CX, CX
	CPUID
	CMPL AX, $7
	JLT  no
	MOVL $7, AX
	XORL CX, CX
	CPUID
	// EBX bit 8 is BMI2 (MULX), bit 19 is ADX (ADCX, ADOX).
	ANDL $0x80100, BX
	CMPL BX, $0x80100
	JNE  no
	MOVB $1, ret+0(FP)
	RET

no:
	MOVB $0, ret+0(FP)
	RET

// func addMulVVWADX(z, x *uint, y uint, n int) (c uint)
//
// Four limbs a round, then one a round. MULX leaves the flags alone, so
// two carry chains run through both loops: CF (ADCX) adds each product's
// high word to the next product's low word, OF (ADOX) adds z. The loop
// control uses MOVQ, LEAQ and JCXZQ, which leave the flags alone too; the
// counts are computed before the chains start.
TEXT ·addMulVVWADX(SB), NOSPLIT, $0-40
	MOVQ z+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DX
	MOVQ n+24(FP), AX
	MOVQ AX, R13
	ANDQ $3, R13  // single limbs
	SHRQ $2, AX
	MOVQ AX, CX   // rounds of four
	XORQ BX, BX   // the high word carried to the next limb; clears CF and OF
	XORQ R12, R12 // zero
	JCXZQ singles

quads:
	MULXQ 0(SI), R8, R9
	ADCXQ BX, R8
	ADOXQ 0(DI), R8
	MOVQ  R8, 0(DI)
	MULXQ 8(SI), R8, BX
	ADCXQ R9, R8
	ADOXQ 8(DI), R8
	MOVQ  R8, 8(DI)
	MULXQ 16(SI), R8, R9
	ADCXQ BX, R8
	ADOXQ 16(DI), R8
	MOVQ  R8, 16(DI)
	MULXQ 24(SI), R8, BX
	ADCXQ R9, R8
	ADOXQ 24(DI), R8
	MOVQ  R8, 24(DI)
	LEAQ  32(SI), SI
	LEAQ  32(DI), DI
	LEAQ  -1(CX), CX
	JCXZQ singles
	JMP   quads

singles:
	MOVQ  R13, CX
	JCXZQ done

single:
	MULXQ 0(SI), R8, R9
	ADCXQ BX, R8
	ADOXQ 0(DI), R8
	MOVQ  R8, 0(DI)
	MOVQ  R9, BX
	LEAQ  8(SI), SI
	LEAQ  8(DI), DI
	LEAQ  -1(CX), CX
	JCXZQ done
	JMP   single

done:
	// The carry is the last high word plus both pending carries; the
	// exact sum has one limb more than z, so it cannot overflow.
	ADCXQ R12, BX
	ADOXQ R12, BX
	MOVQ  BX, c+32(FP)
	RET
