# Reference values for `gini` (src/pareto/gini.ts) from R.
#
# The R package `ineq` cannot be installed here (no CRAN access), so `ineq_gini` below
# reproduces the source of `ineq::Gini` (ineq 0.2-13) line for line:
#
#   Gini <- function (x, corr = FALSE, na.rm = TRUE) {
#     if (!na.rm && any(is.na(x))) return(NA_real_)
#     x <- as.numeric(na.omit(x))
#     n <- length(x)
#     x <- sort(x)
#     G <- sum(x * 1L:n)
#     G <- 2 * G/sum(x) - (n + 1L)
#     if (corr) G/(n - 1L) else G/n
#   }
#
# Datasets (all committed beside this script, values written with 17 significant digits
# so that they round-trip exactly to the same doubles):
#   small.csv      — 7 hand-picked values with a zero and a tie
#   ties.csv       — 40 values with many ties and zeros (sample(0:5) with set.seed)
#   lognormal.csv  — 10,000 heavy-tailed values: set.seed(20261123); rlnorm(1e4, 0, 2)
#   pareto.csv     — 2,000 Pareto(alpha = 1.16, x_m = 1) values (the "80/20" alpha):
#                    set.seed(7); runif(2000)^(-1 / 1.16)
# and, when the shared CDNOW data is present (../shared/data from the repository
# root), the Gini of the total spend per customer in CDNOW_master.txt (23,570
# customers; the data itself is not copied into the repository).
#
# Run from the repository root:  Rscript test/reference/pareto/gini_ineq.R
# Output: test/reference/pareto/gini_ineq.json

ineq_gini <- function(x, corr = FALSE, na.rm = TRUE) {
  if (!na.rm && any(is.na(x))) return(NA_real_)
  x <- as.numeric(na.omit(x))
  n <- length(x)
  x <- sort(x)
  G <- sum(x * 1L:n)
  G <- 2 * G / sum(x) - (n + 1L)
  if (corr) G / (n - 1L) else G / n
}

dir <- "test/reference/pareto"
write_values <- function(x, name) {
  writeLines(c("value", sprintf("%.17g", x)), file.path(dir, name))
}

small <- c(10, 0, 5, 5, 80, 3.5, 0.25)
write_values(small, "small.csv")

set.seed(1)
ties <- sample(0:5, 40, replace = TRUE)
write_values(ties, "ties.csv")

set.seed(20261123)
lognormal <- rlnorm(1e4, meanlog = 0, sdlog = 2)
write_values(lognormal, "lognormal.csv")

set.seed(7)
pareto <- runif(2000)^(-1 / 1.16)
write_values(pareto, "pareto.csv")

# Read the values back from the files, so R and the TypeScript test see the same doubles.
read_values <- function(name) read.csv(file.path(dir, name))$value

result <- list()
for (name in c("small.csv", "ties.csv", "lognormal.csv", "pareto.csv")) {
  x <- read_values(name)
  result[[sub("\\.csv$", "", name)]] <- list(
    file = name,
    n = length(x),
    gini = ineq_gini(x),
    giniCorrected = ineq_gini(x, corr = TRUE)
  )
}

cdnow <- "../shared/data/cdnow_lifetimes/CDNOW_master.txt"
if (file.exists(cdnow)) {
  d <- read.table(cdnow, header = TRUE, colClasses = c("character", "character", "numeric", "numeric"))
  totals <- tapply(d$dollar_value, d$customer_id, sum)
  result[["cdnowMaster"]] <- list(
    file = "../shared/data/cdnow_lifetimes/CDNOW_master.txt (total dollar_value per customer_id)",
    n = length(totals),
    gini = ineq_gini(totals),
    giniCorrected = ineq_gini(totals, corr = TRUE)
  )
}

# Numbers with 17 significant digits (jsonlite rounds to 15), so the fixture holds R's exact doubles.
num <- function(v) structure(sprintf("%.17g", v), class = "json")
for (k in names(result)) {
  result[[k]]$gini <- num(result[[k]]$gini)
  result[[k]]$giniCorrected <- num(result[[k]]$giniCorrected)
}
jsonlite::write_json(result, file.path(dir, "gini_ineq.json"), auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE)
