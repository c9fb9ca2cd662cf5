// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/snapshot_builder.h"

#include <exception>
#include <utility>

#include "ui/training/training_controller.h"

namespace losslab::ui {

std::optional<TrainingSnapshot> buildSnapshot(const std::vector<SnapshotRun>& runs) {
  if (runs.empty()) {
    return std::nullopt;
  }
  TrainingSnapshot s;
  try {
    const Dataset& train = runs.front().trainer->data().train;  // the same for every run
    const Eigen::Index n = train.size();
    s.featureCount = static_cast<int>(train.featureCount());
    s.x.resize(static_cast<std::size_t>(n));
    s.yTrue.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
      s.x[static_cast<std::size_t>(i)] = train.x(0, i);
      s.yTrue[static_cast<std::size_t>(i)] = train.y(i);
    }
    for (Eigen::Index i : train.outliers) {
      s.outliers.push_back(static_cast<int>(i));
    }
    Eigen::MatrixXd grid;
    if (s.featureCount == 1 && n > 0) {
      const double lo = train.x.row(0).minCoeff();
      const double hi = train.x.row(0).maxCoeff();
      const int points = TrainingController::kCurvePoints;
      grid.resize(1, points);
      for (int k = 0; k < points; ++k) {
        const double t = static_cast<double>(k) / (points - 1);
        grid(0, k) = lo + (hi - lo) * t;
      }
      s.curveX.assign(grid.data(), grid.data() + grid.size());
    }
    for (const SnapshotRun& run : runs) {
      Trainer& trainer = *run.trainer;
      RunSnapshot r;
      r.epoch = run.epoch;
      const Eigen::VectorXd pred = trainer.predictions(Trainer::Set::Train);
      const Eigen::VectorXd influence = trainer.gradientInfluence(Trainer::Set::Train);
      r.name = TrainingController::runName(*trainer.loss());
      r.yPred.assign(pred.data(), pred.data() + pred.size());
      r.influence.assign(influence.data(), influence.data() + influence.size());
      if (grid.size() > 0) {
        Eigen::MatrixXd out(1, grid.cols());
        trainer.model().predict(grid, out);
        r.curveY.assign(out.data(), out.data() + out.size());
      }
      s.runs.push_back(std::move(r));
    }
  } catch (const std::exception&) {
    return std::nullopt;  // a loss outside its domain: the next training step reports it
  }
  return s;
}

}  // namespace losslab::ui
