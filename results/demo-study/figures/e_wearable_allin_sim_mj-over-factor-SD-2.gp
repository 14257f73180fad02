# cd to this folder, then: gnuplot e_wearable_allin_sim_mj-over-factor-SD-2.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'e_wearable_allin_sim_mj-over-factor-SD-2.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'SD-2: e_wearable_allin_sim_mj over factor' noenhanced
set xlabel 'fog energy-efficiency factor' noenhanced
set ylabel 'wearable all-in energy per window (mJ)' noenhanced
set yrange [0:*]
set logscale x
set key outside right top
set xtics nomirror (1, 2, 5, 10, 20)
plot 'e_wearable_allin_sim_mj-over-factor-SD-2.dat' using 1:2 with linespoints lw 2 pt 5 title '' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'e_wearable_allin_sim_mj-over-factor-SD-2.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'e_wearable_allin_sim_mj-over-factor-SD-2.pdf'
replot
unset output
