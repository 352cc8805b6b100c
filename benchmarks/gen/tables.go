package gen

// Names and labor accounts: enough variety that ids, names and accounts have realistic
// cardinality (a few hundred accounts, thousands of name pairs), small enough to live in the
// binary.

var firstNames = []string{
	"Maria", "James", "Denise", "Robert", "Linda", "Pat", "Aisha", "Kevin", "Gloria", "Thomas",
	"Marcus", "Sandra", "Brian", "Tanya", "Michelle", "David", "Yvonne", "Harold", "Rosa", "Emily",
	"Jamal", "Katherine", "Priya", "Victor", "Nancy", "Hector", "Olivia", "Samuel", "Rachel", "Dennis",
	"Angela", "Curtis", "Beverly", "Frank", "Grace", "Luis", "Karen", "Paul", "Sharon", "Ethan",
	"Lorraine", "Anthony", "Megan", "Derek", "Bianca", "Walter", "Jordan", "Ana", "Wei", "Fatima",
}

var lastNames = []string{
	"Santos", "Whitfield", "Okafor", "Kowalski", "Nguyen", "O'Brien", "Rahman", "Tran", "Fernandez",
	"Becker", "Johnson", "Kim", "Murphy", "Brooks", "Carter", "Alvarez", "Baptiste", "Greene",
	"Delgado", "Chen", "Washington", "Walsh", "Patel", "Moreau", "Sullivan", "Ramirez", "Grant",
	"Osei", "Goldberg", "Mahoney", "Russo", "Bell", "Stone", "DiMaggio", "Liu", "Herrera", "Mitchell",
	"Novak", "Whitaker", "Dubois", "Price", "Foley", "Lawson", "Moretti", "Jenkins", "Reyes", "Silva",
	"Zhang", "Haddad", "Kowalczyk",
}

var units = []string{
	"MED/4EAST", "MED/5WEST", "MED/6NORTH", "MED/7SOUTH", "MED/ICU", "MED/CCU", "MED/STEPDOWN",
	"SURG/OR", "SURG/PACU", "SURG/3WEST", "SURG/SICU", "ED/MAIN", "ED/PEDS", "PEDS/NICU", "PEDS/PICU",
	"PEDS/4SOUTH", "WOMEN/LD", "WOMEN/POSTPARTUM", "ONC/INFUSION", "ONC/8EAST", "LAB/CORE",
	"LAB/MICRO", "LAB/BLOODBANK", "RAD/CT", "RAD/MRI", "RAD/XRAY", "RESP/RT", "PHARM/INPT",
	"REHAB/PT", "DIAL/HD",
}

var jobs = []string{"RN", "PCA", "UC", "ST", "MT", "MLT", "RT", "LPN"}

// accounts builds the 7-level labor accounts of a site prefix, e.g. UMMH/MED/4EAST/RN/-/-/-.
func accounts(site string) []string {
	out := make([]string, 0, len(units)*len(jobs))
	for _, u := range units {
		for _, j := range jobs {
			out = append(out, site+"/"+u+"/"+j+"/-/-/-")
		}
	}
	return out
}
