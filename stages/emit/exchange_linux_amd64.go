package emit

const sysRenameat2 = 316 // the syscall package's table predates renameat2
