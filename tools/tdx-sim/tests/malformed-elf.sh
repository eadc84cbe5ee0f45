#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# malformed-elf.sh TDX-SIM GOOD.elf WORKDIR
# Feeds tdx-sim images broken in one way each; every one must be refused with
# exit status 2 and a message that says what is wrong, within seconds.  Then
# images that are odd but valid: each must run like GOOD (hello) does.
set -uo pipefail
sim=$1 good=$2 dir=$3
mkdir -p "$dir"
fail=0

patch() { # file offset hex-bytes...
	local f=$1 off=$2
	shift 2
	printf "$(printf '\\x%s' "$@")" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

check() { # name expected-message-regex
	local name=$1 re=$2 out status
	out=$(timeout 10 "$sim" "$dir/$name" 2>&1 >/dev/null)
	status=$?
	if [ "$status" -ne 2 ] || ! grep -Eq -- "$re" <<<"$out"; then
		echo "FAIL $name: status $status, message: $out (expected status 2 and /$re/)"
		fail=1
	else
		echo "ok   $name: $out"
	fi
}

echo "this is not an ELF image" >"$dir/not-elf"
check not-elf 'not an ELF file'

: >"$dir/empty"
check empty 'not an ELF file'

head -c 40 "$good" >"$dir/short-header"
check short-header 'truncated ELF header'

cp "$good" "$dir/elf32" && patch "$dir/elf32" 4 01
check elf32 'expected ELF64'

cp "$good" "$dir/big-endian" && patch "$dir/big-endian" 5 02
check big-endian 'little-endian'

cp "$good" "$dir/et-dyn" && patch "$dir/et-dyn" 16 03 00
check et-dyn 'position-independent'

cp "$good" "$dir/phnum" && patch "$dir/phnum" 56 ff ff
check phnum 'program headers'

cp "$good" "$dir/phoff" && patch "$dir/phoff" 32 00 00 00 00 00 00 00 10
check phoff 'program headers'

# The first segment's bytes cut off: keep the headers, drop the rest.
head -c 1024 "$good" >"$dir/truncated"
check truncated 'run past the end of the file'

# The first segment (text) moved to address 0x10, below guest RAM.
cp "$good" "$dir/low-vaddr" && patch "$dir/low-vaddr" 80 10 00 00 00 00 00 00 00
check low-vaddr 'outside guest RAM'

# file size > memory size in the first segment
cp "$good" "$dir/filesz" && patch "$dir/filesz" 96 00 00 00 00 01 00 00 00
check filesz 'file size .* > memory size'

check does-not-exist 'No such file'

runs() { # name: must run like hello (exit status 1, its greeting on COM1)
	local name=$1 out status
	out=$(timeout 10 "$sim" "$dir/$name" 2>&1)
	status=$?
	if [ "$status" -ne 1 ] || ! grep -q '^Hello from a TD guest' <<<"$out"; then
		echo "FAIL $name: status $status, output: $out (expected status 1 and hello's greeting)"
		fail=1
	else
		echo "ok   $name: runs"
	fi
}

u64() { # file offset: the little-endian 64-bit value there
	od -An -t u8 -j "$2" -N 8 "$1" | tr -d ' '
}

# The program headers copied to an offset that is 4 modulo 8 past the end of
# the file, e_phoff pointing there: nothing in the ELF format requires them
# aligned, so the loader reads them without assuming it.
phoff=$(u64 "$good" 32) phnum=$(od -An -t u2 -j 56 -N 2 "$good" | tr -d ' ')
cp "$good" "$dir/phoff-unaligned"
end=$(stat -c %s "$dir/phoff-unaligned")
new=$(((end + 7) / 8 * 8 + 4))
dd if="$good" of="$dir/phoff-unaligned" bs=1 skip="$phoff" seek="$new" count=$((phnum * 56)) \
	conv=notrunc status=none
patch "$dir/phoff-unaligned" 32 $(printf '%016x' "$new" | sed 's/../& /g' | tr ' ' '\n' | tac | tr '\n' ' ')
runs phoff-unaligned
exit $fail
