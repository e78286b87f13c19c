# Independent reference for rfmScores: RFM values and quantile scores in base R.
#
# Input: lifetimes_log.csv (the synthetic log beside this file), asOf 2023-10-15 (UTC days).
# recency = days from the last purchase (amount > 0) to asOf; frequency = distinct
# purchase days; monetary = net total of every row up to asOf. Edges = quantile type 7
# at k/5 (k = 1..4); score = findInterval(x, edges, left.open = TRUE) + 1 (bins are
# right-closed); recency reversed (6 - bin). Ties share a score by construction.
#
# Run:  Rscript test/reference/value/rfm_scores.R   (writes rfm_scores_expected.csv)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
log <- read.csv(file.path(here, "lifetimes_log.csv"), stringsAsFactors = FALSE)
log$day <- as.Date(substr(log$date, 1, 10))
as_of <- as.Date("2023-10-15")
log <- log[log$day <= as_of, ]
buys <- log[log$amount > 0, ]
ids <- sort(unique(buys$customerId), method = "radix")
recency <- sapply(ids, function(id) as.numeric(as_of - max(buys$day[buys$customerId == id])))
frequency <- sapply(ids, function(id) length(unique(buys$day[buys$customerId == id])))
monetary <- sapply(ids, function(id) sum(log$amount[log$customerId == id]))
edges <- function(x) unname(quantile(x, probs = (1:4) / 5, type = 7))
score <- function(x) findInterval(x, edges(x), left.open = TRUE) + 1
out <- data.frame(
  customerId = ids, recency = recency, frequency = frequency, monetary = monetary,
  recencyScore = 6 - score(recency), frequencyScore = score(frequency), monetaryScore = score(monetary)
)
write.csv(out, file.path(here, "rfm_scores_expected.csv"), row.names = FALSE)
cat("recency edges", edges(recency), "\nfrequency edges", edges(frequency), "\nmonetary edges", edges(monetary), "\n")
print(table(out$frequencyScore))
