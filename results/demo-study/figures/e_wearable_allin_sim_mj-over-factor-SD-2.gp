# cd to this folder, then: gnuplot e_wearable_allin_sim_mj-over-factor-SD-2.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'e_wearable_allin_sim_mj-over-factor-SD-2.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'SD-2: E_all-in,sim over f' noenhanced
set xlabel 'fog energy-efficiency factor f' noenhanced
set ylabel 'wearable all-in energy per window (mJ)' noenhanced
set yrange [0:*]
set logscale x
set xrange [0.8695652173913044:23]
unset key
set xtics nomirror (1, 2, 5, 10, 20)
plot 'e_wearable_allin_sim_mj-over-factor-SD-2.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title '' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'e_wearable_allin_sim_mj-over-factor-SD-2.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'e_wearable_allin_sim_mj-over-factor-SD-2.pdf'
replot
unset output
