package rules

// ExcInsufficient is raised when time off is charged to a bank that does not hold it: by a rule
// family that pays a bank only up to its balance (SHARE-PTO-19), else by the accrual stage.
const ExcInsufficient = "INSUFFICIENT_BALANCE"
