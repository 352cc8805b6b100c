package emit

const sysRenameat2 = 276 // the syscall package's table predates renameat2
