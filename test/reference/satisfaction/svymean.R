# Reference values for valueWeightedSatisfaction.
#
# Generates a deterministic survey of 1,200 respondents (values K_i, four indicators on a
# 1-10 scale, about 6% of answers skipped, a few customers of value 0), then computes with
# R's `survey` package:
#   - per indicator, the value-weighted mean and its linearization SE:
#       svymean(~x, svydesign(ids = ~1, weights = ~value, data = d), na.rm = TRUE)
#   - per indicator, the plain mean and its SE (the same design with equal weights);
#   - the overall index (equal indicator weights, and weights 3:1:1:1) as a contrast of
#     the per-indicator ratio means: svyratio(~x_filled, ~x_answered, covmat = TRUE)
#     followed by svycontrast; svymean(~x, na.rm = TRUE) equals svyratio(~x0, ~answered).
#   - the same for a survey without skipped answers, where the index equals svymean of
#     each respondent's row index.
#
# Run from the repository root:
#   Rscript test/reference/satisfaction/svymean.R
# Writes survey.csv, survey_complete.csv and svymean_expected.csv beside this script.
# Also, for reference = "min", the adjusted means of the respondents with a value > 0.
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20261123)
n <- 1200
indicators <- c("quality", "delivery", "service", "price")
id <- sprintf("R%04d", seq_len(n))
# Heavy-tailed values rounded to cents; 15 customers with value 0.
value <- round(exp(rnorm(n, mean = 6, sd = 1.2)), 2)
value[sample.int(n, 15)] <- 0
high <- value > quantile(value, 0.8)
baseline <- 6.5 + rnorm(n)
d <- data.frame(customerId = id, value = value)
for (j in seq_along(indicators)) {
  score <- pmin(10, pmax(1, round(baseline + ifelse(high, -0.8, 0.6) + 0.3 * j + 1.2 * rnorm(n))))
  score[runif(n) < 0.06] <- NA
  d[[indicators[j]]] <- score
}
complete <- d
for (x in indicators) {
  filled <- complete[[x]]
  filled[is.na(filled)] <- round(baseline[is.na(filled)])
  complete[[x]] <- pmin(10, pmax(1, filled))
}

fmt <- function(x) sprintf("%.17g", x)
rows <- list()
add <- function(dataset, statistic, weighting, estimate, se) {
  rows[[length(rows) + 1]] <<- data.frame(
    dataset = dataset, statistic = statistic, weighting = weighting,
    estimate = fmt(estimate), se = fmt(se)
  )
}

reference <- function(dataset, data) {
  data$one <- 1
  for (weighting in c("weighted", "unweighted")) {
    des <- if (weighting == "weighted") {
      svydesign(ids = ~1, weights = ~value, data = data)
    } else {
      svydesign(ids = ~1, weights = ~one, data = data)
    }
    for (x in indicators) {
      m <- svymean(as.formula(paste0("~", x)), des, na.rm = TRUE)
      add(dataset, x, weighting, coef(m)[[1]], SE(m)[[1]])
    }
    # Index: contrast of the per-indicator ratio means sum(w y 1) / sum(w 1).
    filled <- data
    for (x in indicators) {
      filled[[paste0(x, "_answered")]] <- as.numeric(!is.na(data[[x]]))
      filled[[paste0(x, "_filled")]] <- ifelse(is.na(data[[x]]), 0, data[[x]])
    }
    des2 <- update(des,
      quality_answered = filled$quality_answered, quality_filled = filled$quality_filled,
      delivery_answered = filled$delivery_answered, delivery_filled = filled$delivery_filled,
      service_answered = filled$service_answered, service_filled = filled$service_filled,
      price_answered = filled$price_answered, price_filled = filled$price_filled
    )
    r <- svyratio(~ quality_filled + delivery_filled + service_filled + price_filled,
      ~ quality_answered + delivery_answered + service_answered + price_answered,
      des2,
      covmat = TRUE
    )
    coefs <- coef(r)
    v <- vcov(r)
    # coef(svyratio) returns the full numerator x denominator grid; keep the matched pairs.
    keep <- paste0(indicators, "_filled/", indicators, "_answered")
    est <- coefs[keep]
    vv <- v[keep, keep]
    for (spec in list(list(name = "index", w = c(1, 1, 1, 1)), list(name = "index_3111", w = c(3, 1, 1, 1)))) {
      a <- spec$w / sum(spec$w)
      add(dataset, spec$name, weighting, sum(a * est), sqrt(drop(t(a) %*% vv %*% a)))
    }
    if (!anyNA(data[indicators])) {
      # Without skips the index is svymean of each respondent's row index.
      des3 <- update(des, rowindex = rowMeans(as.matrix(data[indicators])))
      m <- svymean(~rowindex, des3)
      add(dataset, "index_rowmean", weighting, coef(m)[[1]], SE(m)[[1]])
    }
  }
}

reference("survey", d)
reference("survey_complete", complete)

# reference = "min": on the respondents with a value > 0, K_o = min(value) and every score
# scaled by value / K_o; the plain mean of the scaled scores per indicator (adjustedMean).
positive <- d[d$value > 0, ]
positive$one <- 1
k_o <- min(positive$value)
add("survey_positive", "reference_min", "reference", k_o, 0)
design <- svydesign(ids = ~1, weights = ~one, data = positive)
for (x in indicators) {
  m <- svymean(~adjusted, update(design, adjusted = positive$value / k_o * positive[[x]]), na.rm = TRUE)
  add("survey_positive", paste0("adjusted_min_", x), "plain", coef(m)[[1]], SE(m)[[1]])
}

write.csv(d, file.path(here, "survey.csv"), row.names = FALSE, na = "")
write.csv(complete, file.path(here, "survey_complete.csv"), row.names = FALSE, na = "")
write.csv(do.call(rbind, rows), file.path(here, "svymean_expected.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", nrow(d), "respondents and", length(rows), "reference rows\n")
